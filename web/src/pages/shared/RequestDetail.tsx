import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, RefreshCw } from "lucide-react";
import { Link, useParams } from "wouter";
import { useUser } from "@/auth/session";
import { DateTimeText } from "@/components/format";
import { MarketplaceMark, useMarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { DecisionButtons } from "@/components/request-actions";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { CardStatusBadge, PriorityBadge, RequestStatusBadge, StageIcon } from "@/components/status";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useToast } from "@/components/ui/toast";
import { humanize, useI18n } from "@/i18n";
import { api, isApiError } from "@/lib/api";
import { durationBetween, formatDuration } from "@/lib/dates";
import { errorMessage } from "@/lib/errors";
import { keys, useRequest, useRequestLabels } from "@/lib/queries";
import { useRequestEvents, type LiveState } from "@/lib/sse";
import {
  cardProgress,
  partnerName,
  productName,
  productSku,
  requestProgress,
  stageError,
  TERMINAL_REQUEST,
  type CardSummary,
  type FulfilmentRequest,
  type Stage,
} from "@/lib/types";
import { clampPercent, cn } from "@/lib/utils";

const REPUBLISHABLE = new Set(["failed", "rejected", "needs_attention"]);

function LiveIndicator({ state }: { state: LiveState }) {
  const { t } = useI18n();
  const on = state === "open";
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-xs font-medium", on ? "text-emerald-700" : "text-zinc-500")} role="status">
      <span className="relative flex size-2">
        {on ? <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-75" /> : null}
        <span className={cn("relative inline-flex size-2 rounded-full", on ? "bg-emerald-500" : "bg-zinc-400")} />
      </span>
      {on ? t("requests.liveOn") : t("requests.liveOff")}
    </span>
  );
}

export default function RequestDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const user = useUser();
  // Live while the request is not finished; polling only when the event stream is down.
  const probe = useRequest(id, false);
  const terminal = probe.data ? TERMINAL_REQUEST.has(probe.data.status) : false;
  const live = useRequestEvents(id, !!probe.data && !terminal);
  const request = useRequest(id, !terminal && live !== "open" ? 5000 : !terminal ? 30_000 : false);
  const label = useRequestLabels(request.data ? [request.data] : [], user?.role === "admin", user?.role === "admin");

  if (request.isPending) {
    return (
      <Page>
        <Card>
          <LoadingState rows={8} />
        </Card>
      </Page>
    );
  }
  if (request.isError) {
    const notFound = isApiError(request.error) && request.error.status === 404;
    return (
      <Page>
        <Card>
          {notFound ? (
            <EmptyState
              title={t("requests.notFound")}
              action={
                <Link href="/requests" className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t("requests.title")}
                </Link>
              }
            />
          ) : (
            <ErrorState error={request.error} onRetry={() => request.refetch()} />
          )}
        </Card>
      </Page>
    );
  }

  const r = label(request.data);
  const pct = requestProgress(r);
  const cards = r.cards ?? [];
  const admin = user?.role === "admin";

  return (
    <Page>
      <PageHeader
        title={productName(r)}
        back={admin ? { href: "/admin/requests", label: t("nav.adminQueue") } : { href: "/requests", label: t("requests.title") }}
        meta={
          <>
            <RequestStatusBadge status={r.status} />
            <PriorityBadge priority={r.priority} />
            {productSku(r) ? <span className="font-mono text-xs text-zinc-500">{productSku(r)}</span> : null}
            {admin && partnerName(r) ? <span className="text-xs text-zinc-500">{partnerName(r)}</span> : null}
            <span className="text-xs text-zinc-500">
              <DateTimeText value={r.created_at} />
            </span>
          </>
        }
        actions={admin && r.status === "submitted" ? <DecisionButtons request={r} size="default" /> : null}
      />

      {r.status === "rejected" && r.reason ? (
        <Alert tone="danger" title={t("requests.reason")} className="mb-5">
          {r.reason}
        </Alert>
      ) : null}

      <Card className="mb-5">
        <CardContent className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-sm font-medium text-zinc-800">{t("requests.overallProgress")}</h2>
            {!terminal ? <LiveIndicator state={live} /> : null}
          </div>
          <div className="flex items-center gap-3">
            <Progress
              value={clampPercent(pct ?? 0)}
              tone={r.status === "failed" || r.status === "rejected" ? "danger" : r.status === "done" ? "success" : "brand"}
              aria-label={t("requests.overallProgress")}
              className="h-2.5"
            />
            <span className="tabular w-12 text-right text-sm font-semibold text-zinc-900">{clampPercent(pct ?? 0)}%</span>
          </div>
        </CardContent>
      </Card>

      <h2 className="mb-3 text-base font-semibold text-zinc-900">{t("requests.cards")}</h2>
      {cards.length === 0 ? (
        <Card>
          <div className="grid gap-3 p-5 sm:grid-cols-2">
            {(r.marketplaces ?? []).map((mp) => (
              <PendingMarketplace key={mp} marketplace={mp} />
            ))}
          </div>
          <p className="px-5 pb-5 text-sm text-zinc-500">
            {r.status === "approved" || r.status === "processing" ? t("requests.cardsQueued") : t("requests.noCards")}
          </p>
        </Card>
      ) : (
        <div className="grid gap-5 md:grid-cols-2">
          {cards.map((c) => (
            <CardProgress key={c.id ?? c.marketplace} card={c} request={r} />
          ))}
        </div>
      )}
    </Page>
  );
}

function PendingMarketplace({ marketplace }: { marketplace: string }) {
  const name = useMarketplaceName();
  return (
    <div className="flex items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-3 py-2.5">
      <MarketplaceMark marketplace={marketplace} />
      <span className="text-sm font-medium text-zinc-700">{name(marketplace)}</span>
    </div>
  );
}

function CardProgress({ card, request }: { card: CardSummary; request: FulfilmentRequest }) {
  const { t } = useI18n();
  const name = useMarketplaceName();
  const toast = useToast();
  const qc = useQueryClient();
  const pct = clampPercent(cardProgress(card));
  const stages = card.stages ?? [];
  const republish = useMutation({
    mutationFn: () => api(`/api/cards/${encodeURIComponent(card.id)}/republish`, { method: "POST", json: {} }),
    onSuccess: () => {
      toast.success(t("requests.republishedToast"));
      qc.invalidateQueries({ queryKey: keys.request(request.id) });
    },
    onError: (e) => toast.error(errorMessage(e, t)),
  });
  const failed = card.status === "failed" || card.status === "rejected";
  const headingId = `card-${card.id}`;

  return (
    <Card className="flex flex-col" role="region" aria-labelledby={headingId}>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div className="flex min-w-0 items-center gap-3">
          <MarketplaceMark marketplace={card.marketplace} className="size-8 text-[11px]" />
          <div className="min-w-0">
            <h3 id={headingId} className="truncate text-sm font-semibold text-zinc-900">
              {name(card.marketplace)}
            </h3>
            {card.marketplace_ref ? <p className="truncate font-mono text-xs text-zinc-500">{card.marketplace_ref}</p> : null}
          </div>
        </div>
        <CardStatusBadge status={card.status} />
      </div>
      <div className="flex flex-1 flex-col gap-4 px-5 py-4">
        <div className="flex items-center gap-3">
          <Progress
            value={pct}
            tone={failed ? "danger" : pct >= 100 ? "success" : "brand"}
            aria-label={`${name(card.marketplace)}: ${pct}%`}
          />
          <span className="tabular w-10 text-right text-xs font-semibold text-zinc-700">{pct}%</span>
        </div>
        {card.error ? (
          <Alert tone="danger" className="py-2">
            {card.error}
          </Alert>
        ) : null}
        {stages.length === 0 ? (
          <p className="text-sm text-zinc-500">{t("requests.noStages")}</p>
        ) : (
          <ol className="flex flex-col" aria-label={t("requests.stages")}>
            {stages.map((s, i) => (
              <StageRow key={`${s.stage}-${i}`} stage={s} last={i === stages.length - 1} />
            ))}
          </ol>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 px-5 py-3">
        {card.id ? (
          <Link href={`/cards/${encodeURIComponent(card.id)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            <ExternalLink aria-hidden />
            {t("requests.previewCard")}
          </Link>
        ) : null}
        {REPUBLISHABLE.has(card.status) ? (
          <Button variant="ghost" size="sm" loading={republish.isPending} onClick={() => republish.mutate()}>
            {republish.isPending ? null : <RefreshCw aria-hidden />}
            {t("requests.republish")}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

function StageRow({ stage, last }: { stage: Stage; last: boolean }) {
  const { t, tx, lang } = useI18n();
  const err = stageError(stage);
  const ms = stage.started_at ? durationBetween(stage.started_at, stage.finished_at) : null;
  const statusText = tx(`requests.stageStatus.${stage.status}`, humanize(stage.status));
  return (
    <li className="relative flex gap-3 pb-3 last:pb-0">
      {!last ? <span aria-hidden className="absolute top-5 bottom-0 left-[7.5px] w-px bg-zinc-200" /> : null}
      <span className="relative mt-0.5 bg-white">
        <StageIcon status={stage.status} />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-2">
          <span className={cn("text-sm", stage.status === "pending" || stage.status === "waiting" ? "text-zinc-500" : "font-medium text-zinc-900")}>
            {tx(`requests.stage.${stage.stage}`, humanize(stage.stage))}
          </span>
          <span className="tabular shrink-0 text-xs text-zinc-500">
            <span className="sr-only">{statusText}</span>
            {ms !== null && stage.status !== "pending" ? formatDuration(ms, lang) : <span aria-hidden>{statusText}</span>}
          </span>
        </div>
        {err ? <p className="mt-0.5 text-xs break-words text-red-700">{err}</p> : null}
        {stage.status === "running" && typeof stage.progress === "number" ? (
          <Progress value={clampPercent(stage.progress)} className="mt-1.5 h-1" aria-label={`${t("requests.stages")}: ${clampPercent(stage.progress)}%`} />
        ) : null}
      </div>
    </li>
  );
}
