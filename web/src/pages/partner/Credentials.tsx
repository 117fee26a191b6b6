import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Eye, EyeOff, FlaskConical, ShieldCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { MarketplaceMark, useMarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { SaveTestActions } from "@/components/save-test-actions";
import { ErrorState, LoadingState } from "@/components/states";
import { CredentialStatusBadge } from "@/components/status";
import { DateTimeText } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { CREDENTIAL_KINDS, MARKETPLACES, type CredentialKind, type KindSpec, type Marketplace } from "@/lib/marketplaces";
import { keys, useCredentials } from "@/lib/queries";
import type { CredentialInfo, CredentialTestResult } from "@/lib/types";
import { cn } from "@/lib/utils";

const GENERIC_KIND: Record<CredentialKind, KindSpec> = {
  api_token: { kind: "api_token", fields: [{ name: "token", secret: true }] },
  client_key: { kind: "client_key", fields: [{ name: "client_id", secret: false }, { name: "api_key", secret: true }] },
  api_key: { kind: "api_key", fields: [{ name: "api_key", secret: true }] },
  cabinet_login: {
    kind: "cabinet_login",
    fields: [
      { name: "login", secret: false },
      { name: "password", secret: true },
      { name: "totp_secret", secret: true, optional: true },
    ],
  },
};

/** The kinds a panel shows: those the marketplace takes, plus any other kind already stored for it. */
function kindsFor(mp: Marketplace, items: CredentialInfo[]): KindSpec[] {
  const specs = [...CREDENTIAL_KINDS[mp]];
  for (const it of items) {
    if (it.marketplace === mp && !specs.some((s) => s.kind === it.kind) && it.kind in GENERIC_KIND) {
      specs.push(GENERIC_KIND[it.kind as CredentialKind]);
    }
  }
  return specs;
}

export default function CredentialsPage() {
  const { t } = useI18n();
  const creds = useCredentials();

  return (
    <Page>
      <PageHeader title={t("credentials.title")} description={t("credentials.subtitle")} />
      <Alert tone="info" className="mb-6" icon={<ShieldCheck className="size-4 text-sky-600" aria-hidden />}>
        {t("credentials.secretsNote")}
      </Alert>
      {creds.isPending ? (
        <Card>
          <LoadingState rows={6} />
        </Card>
      ) : creds.isError ? (
        <Card>
          <ErrorState error={creds.error} onRetry={() => creds.refetch()} />
        </Card>
      ) : (
        <div className="grid gap-5 xl:grid-cols-2">
          {MARKETPLACES.map((mp) => (
            <MarketplacePanel key={mp} marketplace={mp} items={creds.data} />
          ))}
        </div>
      )}
    </Page>
  );
}

function MarketplacePanel({ marketplace, items }: { marketplace: Marketplace; items: CredentialInfo[] }) {
  const { t } = useI18n();
  const mpName = useMarketplaceName();
  const specs = kindsFor(marketplace, items);
  const stored = items.filter((i) => i.marketplace === marketplace);
  const headingId = `cred-${marketplace}`;

  return (
    <Card className="flex flex-col" aria-labelledby={headingId} role="region">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div className="flex min-w-0 items-center gap-3">
          <MarketplaceMark marketplace={marketplace} className="size-9 text-xs" />
          <h2 id={headingId} className="truncate text-base font-semibold text-zinc-900">
            {mpName(marketplace)}
          </h2>
        </div>
        <div className="flex flex-wrap justify-end gap-1">
          {specs.length === 1 ? (
            <CredentialStatusBadge status={stored.find((s) => s.kind === specs[0].kind)?.status ?? "missing"} />
          ) : null}
        </div>
      </div>
      <div className="flex-1 px-5 py-4">
        {marketplace === "uzum" ? <p className="mb-4 text-xs text-zinc-500">{t("credentials.uzumNote")}</p> : null}
        {specs.length === 1 ? (
          <KindForm marketplace={marketplace} spec={specs[0]} info={stored.find((s) => s.kind === specs[0].kind)} multi={false} />
        ) : (
          <Tabs defaultValue={(specs.find((s) => stored.some((x) => x.kind === s.kind)) ?? specs[0]).kind}>
            <TabsList className="w-full sm:w-auto">
              {specs.map((s) => {
                const info = stored.find((x) => x.kind === s.kind);
                return (
                  <TabsTrigger key={s.kind} value={s.kind}>
                    {t(`credentials.kinds.${s.kind}`)}
                    <StatusDot status={info?.status ?? "missing"} />
                  </TabsTrigger>
                );
              })}
            </TabsList>
            {specs.map((s) => (
              <TabsContent key={s.kind} value={s.kind}>
                <KindForm marketplace={marketplace} spec={s} info={stored.find((x) => x.kind === s.kind)} multi={stored.length > 1} />
              </TabsContent>
            ))}
          </Tabs>
        )}
      </div>
    </Card>
  );
}

function StatusDot({ status }: { status: string }) {
  const { tx } = useI18n();
  const color = status === "active" ? "bg-emerald-500" : status === "failed" ? "bg-red-500" : status === "untested" ? "bg-amber-400" : "bg-zinc-300";
  return (
    <>
      <span aria-hidden className={cn("size-1.5 rounded-full", color)} />
      <span className="sr-only">({tx(`credentials.status.${status}`, status)})</span>
    </>
  );
}

function KindForm({ marketplace, spec, info, multi }: { marketplace: Marketplace; spec: KindSpec; info?: CredentialInfo; multi: boolean }) {
  const { t, tx } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const mpName = useMarketplaceName();
  const [values, setValues] = useState<Record<string, string>>({});
  const [reveal, setReveal] = useState<Record<string, boolean>>({});
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [testResult, setTestResult] = useState<CredentialTestResult | null>(null);
  const base = `/api/credentials/${marketplace}`;

  const save = useMutation({
    mutationFn: (fields: Record<string, string>) => api(base, { method: "PUT", json: { kind: spec.kind, fields } }),
    onSuccess: () => {
      setValues({});
      setTestResult(null);
      toast.success(t("credentials.savedToast", { marketplace: mpName(marketplace) }));
      qc.invalidateQueries({ queryKey: keys.credentials });
    },
  });
  const test = useMutation({
    mutationFn: () => api<CredentialTestResult>(`${base}/test`, { method: "POST", json: { kind: spec.kind } }),
    onSuccess: (r) => {
      setTestResult(r ?? null);
      qc.invalidateQueries({ queryKey: keys.credentials });
    },
  });
  const remove = useMutation({
    mutationFn: () => api(base, { method: "DELETE", query: multi ? { kind: spec.kind } : undefined }),
    onSuccess: () => {
      setConfirmDelete(false);
      setTestResult(null);
      toast.success(t("credentials.deletedToast", { marketplace: mpName(marketplace) }));
      qc.invalidateQueries({ queryKey: keys.credentials });
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const miss: Record<string, boolean> = {};
    const fields: Record<string, string> = {};
    for (const f of spec.fields) {
      const v = (values[f.name] ?? "").trim();
      if (v) fields[f.name] = v;
      else if (!f.optional) miss[f.name] = true;
    }
    setMissing(miss);
    if (Object.keys(miss).length) return;
    save.mutate(fields);
  }

  const saveErr = save.error;
  const saveField = isApiError(saveErr) ? saveErr.field : undefined;
  const fieldNames = spec.fields.map((f) => f.name);
  const errorOnField = saveErr && saveField && fieldNames.some((n) => fieldMatches(saveField, n));
  const idPrefix = `${marketplace}-${spec.kind}`;

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg bg-zinc-50 px-4 py-3 text-sm sm:grid-cols-2">
        <div className="flex items-center justify-between gap-2 sm:col-span-2">
          <dt className="text-zinc-500">{t(`credentials.kinds.${spec.kind}`)}</dt>
          <dd>
            <CredentialStatusBadge status={info?.status ?? "missing"} />
          </dd>
        </div>
        {info ? (
          <>
            <div className="flex flex-col">
              <dt className="text-xs text-zinc-500">{t("credentials.lastVerified")}</dt>
              <dd className="text-zinc-800">{info.last_verified ? <DateTimeText value={info.last_verified} /> : t("common.never")}</dd>
            </div>
            <div className="flex flex-col">
              <dt className="text-xs text-zinc-500">{t("credentials.storedKey")}</dt>
              <dd className="font-mono text-zinc-800">{info.hint ? `••••${info.hint}` : t("credentials.storedHidden")}</dd>
            </div>
            {info.last_error ? (
              <div className="flex flex-col sm:col-span-2">
                <dt className="text-xs text-zinc-500">{t("credentials.lastError")}</dt>
                <dd className="break-words text-red-700">{info.last_error}</dd>
              </div>
            ) : null}
          </>
        ) : null}
      </dl>

      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3" aria-label={`${mpName(marketplace)} — ${t(`credentials.kinds.${spec.kind}`)}`}>
        {saveErr && !errorOnField ? (
          <Alert tone="danger" live>
            {errorMessage(saveErr, t)}
          </Alert>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {spec.fields.map((f) => {
            const label = t(`credentials.fields.${f.name}` as "credentials.fields.token");
            const err = missing[f.name]
              ? t("auth.required")
              : saveErr && fieldMatches(saveField, f.name)
                ? errorMessage(saveErr, t)
                : undefined;
            const shown = reveal[f.name];
            return (
              <Field
                key={f.name}
                id={`${idPrefix}-${f.name}`}
                label={label}
                optional={f.optional ? t("common.optional") : undefined}
                error={err}
                help={info && f.secret ? t("credentials.replaceHint") : undefined}
                className={cn(spec.fields.length % 2 === 1 && f === spec.fields[0] && spec.fields.length > 1 && "sm:col-span-2", spec.fields.length === 1 && "sm:col-span-2")}
              >
                {f.secret ? (
                  <SecretInput
                    value={values[f.name] ?? ""}
                    onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
                    shown={!!shown}
                    onToggle={() => setReveal((r) => ({ ...r, [f.name]: !r[f.name] }))}
                    placeholder={info?.hint && f.secret ? `••••${info.hint}` : undefined}
                  />
                ) : (
                  <Input
                    value={values[f.name] ?? ""}
                    onChange={(e) => setValues((s) => ({ ...s, [f.name]: e.target.value }))}
                    autoComplete="off"
                    spellCheck={false}
                  />
                )}
              </Field>
            );
          })}
        </div>

        {testResult ? (
          <Alert
            live
            tone={testResult.status === "active" ? "success" : testResult.status === "failed" ? "danger" : "warning"}
            title={`${t("credentials.testResult")}: ${tx(`credentials.status.${testResult.status}`, String(testResult.status))}`}
          >
            {testResult.message ? <p>{testResult.message}</p> : null}
            {testResult.last_verified ? (
              <p className="mt-0.5 text-xs opacity-80">
                {t("credentials.lastVerified")}: <DateTimeText value={testResult.last_verified} />
              </p>
            ) : null}
          </Alert>
        ) : test.error ? (
          <Alert tone="danger" live>
            {errorMessage(test.error, t)}
          </Alert>
        ) : null}

        <SaveTestActions
          saving={save.isPending}
          saved={!!info}
          testing={test.isPending}
          onTest={() => {
            setTestResult(null);
            test.mutate();
          }}
          testIcon={<FlaskConical aria-hidden />}
          testLabel={t("credentials.test")}
          testingLabel={t("credentials.testing")}
          saveFirstHint={t("credentials.testFirst")}
          deleteLabel={t("common.delete")}
          onDelete={() => setConfirmDelete(true)}
        />
      </form>

      <Dialog
        open={confirmDelete}
        onOpenChange={(o) => {
          setConfirmDelete(o);
          if (!o) remove.reset();
        }}
        title={t("credentials.deleteTitle", { marketplace: mpName(marketplace) })}
        description={t("credentials.deleteBody")}
        footer={
          <>
            <Button variant="outline" onClick={() => setConfirmDelete(false)}>
              {t("common.cancel")}
            </Button>
            <Button variant="destructive" loading={remove.isPending} onClick={() => remove.mutate()}>
              {remove.isPending ? t("common.deleting") : t("common.delete")}
            </Button>
          </>
        }
      >
        {remove.error ? (
          <Alert tone="danger" live>
            {errorMessage(remove.error, t)}
          </Alert>
        ) : (
          <p className="text-sm text-zinc-600">
            {mpName(marketplace)} · {t(`credentials.kinds.${spec.kind}`)}
          </p>
        )}
      </Dialog>
    </div>
  );
}

function SecretInput({
  value,
  onChange,
  shown,
  onToggle,
  placeholder,
  ...rest
}: {
  value: string;
  onChange: (v: string) => void;
  shown: boolean;
  onToggle: () => void;
  placeholder?: string;
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="relative">
      <Input
        {...rest}
        type={shown ? "text" : "password"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="new-password"
        spellCheck={false}
        placeholder={placeholder}
        className="pr-10 font-mono"
      />
      <button
        type="button"
        onClick={onToggle}
        aria-label={shown ? t("common.hide") : t("common.show")}
        aria-pressed={shown}
        className="absolute top-1/2 right-1.5 inline-flex size-7 -translate-y-1/2 cursor-pointer items-center justify-center rounded text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800"
      >
        {shown ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
      </button>
    </div>
  );
}
