import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, Send } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { DateTimeText } from "@/components/format";
import { Page, PageHeader } from "@/components/page";
import { SaveTestActions } from "@/components/save-test-actions";
import { ErrorState, LoadingState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useToast } from "@/components/ui/toast";
import { humanize, useI18n } from "@/i18n";
import { LANG_NAMES, LANGS, type Lang } from "@/i18n/types";
import { api, fieldMatches, get, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";

// GET/PUT/DELETE /api/settings/telegram, POST /api/settings/telegram/test.
export interface TelegramSettings {
  chat_id: string;
  language: Lang;
  events: string[];
  status: "active" | "failed";
  last_error: string | null;
  last_sent_at: string | null;
  updated_at: string | null;
}
export interface TelegramNotification {
  id: string;
  event: string;
  status: "pending" | "sent" | "skipped" | "failed";
  attempts: number;
  last_error: string | null;
  created_at: string | null;
  sent_at: string | null;
}
export interface TelegramState {
  configured: boolean;
  settings: TelegramSettings | null;
  events: string[];
  recent: TelegramNotification[];
}
interface TestResult {
  status: "sent" | "failed" | "skipped";
  message: string;
}

const TELEGRAM_KEY = ["settings", "telegram"] as const;
const DEFAULT_EVENTS = ["card_live", "card_rejected", "credential_failed", "stock_low"];

const STATUS_TONES: Record<string, BadgeTone> = {
  active: "success",
  failed: "danger",
  pending: "warning",
  sent: "success",
  skipped: "neutral",
};

export default function NotificationsPage() {
  const { t } = useI18n();
  const state = useQuery({
    queryKey: TELEGRAM_KEY,
    queryFn: ({ signal }) => get<TelegramState>("/api/settings/telegram", undefined, signal),
  });

  return (
    <Page>
      <PageHeader title={t("telegram.title")} description={t("telegram.subtitle")} />
      {state.isPending ? (
        <Card>
          <LoadingState rows={6} />
        </Card>
      ) : state.isError ? (
        <Card>
          <ErrorState error={state.error} onRetry={() => state.refetch()} />
        </Card>
      ) : (
        <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <SettingsPanel state={state.data} />
          <RecentPanel items={state.data.recent} />
        </div>
      )}
    </Page>
  );
}

function SettingsPanel({ state }: { state: TelegramState }) {
  const { t, tx, lang: uiLang } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const saved = state.settings;
  const [chatId, setChatId] = useState(saved?.chat_id ?? "");
  const [language, setLanguage] = useState<Lang>(saved?.language ?? uiLang);
  const [events, setEvents] = useState<string[]>(saved?.events ?? DEFAULT_EVENTS);
  const [missing, setMissing] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    setChatId(saved?.chat_id ?? "");
    if (saved) {
      setLanguage(saved.language);
      setEvents(saved.events);
    }
  }, [saved]);

  const save = useMutation({
    mutationFn: () => api<TelegramSettings>("/api/settings/telegram", { method: "PUT", json: { chat_id: chatId.trim(), language, events } }),
    onSuccess: () => {
      setTestResult(null);
      toast.success(t("telegram.savedToast"));
      qc.invalidateQueries({ queryKey: TELEGRAM_KEY });
    },
  });
  const test = useMutation({
    mutationFn: () => api<TestResult>("/api/settings/telegram/test", { method: "POST", json: {} }),
    onSuccess: (r) => {
      setTestResult(r ?? null);
      qc.invalidateQueries({ queryKey: TELEGRAM_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: () => api("/api/settings/telegram", { method: "DELETE" }),
    onSuccess: () => {
      setConfirmDelete(false);
      setTestResult(null);
      setChatId("");
      toast.success(t("telegram.deletedToast"));
      qc.invalidateQueries({ queryKey: TELEGRAM_KEY });
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!chatId.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    save.mutate();
  }

  const err = save.error;
  const errField = isApiError(err) ? err.field : undefined;
  const fieldError = (name: string) => (err && fieldMatches(errField, name) ? errorMessage(err, t) : undefined);
  const generalError = err && !["chat_id", "language", "events"].some((n) => fieldMatches(errField, n));

  return (
    <Card className="flex flex-col" role="region" aria-labelledby="telegram-settings">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div className="flex min-w-0 items-center gap-3">
          <span className="inline-flex size-9 items-center justify-center rounded-lg bg-sky-100 text-sky-700">
            <BellRing className="size-4" aria-hidden />
          </span>
          <h2 id="telegram-settings" className="truncate text-base font-semibold text-zinc-900">
            Telegram
          </h2>
        </div>
        <Badge tone={saved ? STATUS_TONES[saved.status] ?? "neutral" : "neutral"}>
          {saved ? tx(`telegram.status.${saved.status}`, humanize(saved.status)) : t("telegram.status.off")}
        </Badge>
      </div>
      <div className="flex flex-col gap-4 px-5 py-4">
        {!state.configured ? (
          <Alert tone="warning" title={t("telegram.notConfiguredTitle")}>
            {t("telegram.notConfigured")}
          </Alert>
        ) : null}
        {saved?.status === "failed" ? (
          <Alert tone="danger" title={t("telegram.failedTitle")}>
            {saved.last_error ? <p className="break-words">{saved.last_error}</p> : null}
            <p className="mt-1">{t("telegram.failedHint")}</p>
          </Alert>
        ) : null}
        <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
          <li>{t("telegram.howto1")}</li>
          <li>{t("telegram.howto2")}</li>
          <li>{t("telegram.howto3")}</li>
        </ol>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label={t("telegram.title")}>
          {generalError ? (
            <Alert tone="danger" live>
              {errorMessage(err, t)}
            </Alert>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("telegram.chatId")} help={t("telegram.chatIdHelp")} error={missing ? t("auth.required") : fieldError("chat_id")}>
              <Input
                value={chatId}
                onChange={(e) => setChatId(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                inputMode="text"
                placeholder="-1001234567890"
                className="font-mono"
              />
            </Field>
            <Field label={t("telegram.language")} error={fieldError("language")}>
              <NativeSelect value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {LANG_NAMES[l]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-zinc-900">{t("telegram.events")}</legend>
            {(state.events.length ? state.events : DEFAULT_EVENTS).map((ev) => {
              const id = `telegram-event-${ev}`;
              return (
                <label key={ev} htmlFor={id} className="flex cursor-pointer items-start gap-2 text-sm text-zinc-800">
                  <Checkbox
                    id={id}
                    className="mt-0.5"
                    checked={events.includes(ev)}
                    onCheckedChange={(on) => setEvents((cur) => (on === true ? [...cur.filter((x) => x !== ev), ev] : cur.filter((x) => x !== ev)))}
                  />
                  <span>{tx(`telegram.event.${ev}`, humanize(ev))}</span>
                </label>
              );
            })}
            {fieldError("events") ? <p className="text-xs text-red-700">{fieldError("events")}</p> : null}
          </fieldset>

          {saved ? (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg bg-zinc-50 px-4 py-3 text-sm sm:grid-cols-2">
              <div className="flex flex-col">
                <dt className="text-xs text-zinc-500">{t("telegram.lastSent")}</dt>
                <dd className="text-zinc-800">{saved.last_sent_at ? <DateTimeText value={saved.last_sent_at} /> : t("common.never")}</dd>
              </div>
              {saved.last_error && saved.status !== "failed" ? (
                <div className="flex flex-col">
                  <dt className="text-xs text-zinc-500">{t("telegram.lastError")}</dt>
                  <dd className="break-words text-red-700">{saved.last_error}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}

          {testResult ? (
            <Alert
              live
              tone={testResult.status === "sent" ? "success" : testResult.status === "failed" ? "danger" : "warning"}
              title={`${t("telegram.testResult")}: ${tx(`telegram.testStatus.${testResult.status}`, humanize(testResult.status))}`}
            >
              {testResult.status !== "sent" && testResult.message ? <p className="break-words">{testResult.message}</p> : null}
            </Alert>
          ) : test.error ? (
            <Alert tone="danger" live>
              {errorMessage(test.error, t)}
            </Alert>
          ) : null}

          <SaveTestActions
            saving={save.isPending}
            saved={!!saved}
            testing={test.isPending}
            onTest={() => {
              setTestResult(null);
              test.mutate();
            }}
            testIcon={<Send aria-hidden />}
            testLabel={t("telegram.test")}
            testingLabel={t("telegram.testing")}
            saveFirstHint={t("telegram.saveFirst")}
            deleteLabel={t("telegram.turnOff")}
            onDelete={() => setConfirmDelete(true)}
          />
        </form>
      </div>
      <Dialog
        open={confirmDelete}
        onOpenChange={(o) => {
          setConfirmDelete(o);
          if (!o) remove.reset();
        }}
        title={t("telegram.deleteTitle")}
        description={t("telegram.deleteBody")}
        footer={
          <>
            <Button variant="outline" onClick={() => setConfirmDelete(false)}>
              {t("common.cancel")}
            </Button>
            <Button variant="destructive" loading={remove.isPending} onClick={() => remove.mutate()}>
              {remove.isPending ? t("common.deleting") : t("telegram.turnOff")}
            </Button>
          </>
        }
      >
        {remove.error ? (
          <Alert tone="danger" live>
            {errorMessage(remove.error, t)}
          </Alert>
        ) : null}
      </Dialog>
    </Card>
  );
}

function RecentPanel({ items }: { items: TelegramNotification[] }) {
  const { t, tx } = useI18n();
  return (
    <Card role="region" aria-labelledby="telegram-recent">
      <div className="border-b border-zinc-100 px-5 py-4">
        <h2 id="telegram-recent" className="text-base font-semibold text-zinc-900">
          {t("telegram.recent")}
        </h2>
      </div>
      {items.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-500">{t("telegram.recentEmpty")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {items.map((n) => (
            <li key={n.id} className="flex flex-col gap-1 px-5 py-3 text-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium text-zinc-900">{tx(`telegram.event.${n.event}`, humanize(n.event))}</span>
                <Badge tone={STATUS_TONES[n.status] ?? "neutral"}>{tx(`telegram.delivery.${n.status}`, humanize(n.status))}</Badge>
              </div>
              <div className="text-xs text-zinc-500">
                <DateTimeText value={n.sent_at ?? n.created_at} />
                {n.attempts > 1 ? ` · ${t("telegram.attempts", { n: n.attempts })}` : null}
              </div>
              {n.last_error && n.status !== "sent" ? <p className="break-words text-xs text-red-700">{n.last_error}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
