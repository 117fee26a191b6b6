import { AlertCircle, CheckCircle2, Circle, CircleDashed, Clock, Loader2, MinusCircle, RotateCw } from "lucide-react";
import { humanize, useI18n } from "@/i18n";
import { cn } from "@/lib/utils";
import { Badge, type BadgeTone } from "./ui/badge";

const REQUEST_TONES: Record<string, BadgeTone> = {
  draft: "neutral",
  submitted: "info",
  approved: "brand",
  processing: "warning",
  done: "success",
  failed: "danger",
  rejected: "danger",
};

export function RequestStatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return (
    <Badge tone={REQUEST_TONES[status] ?? "neutral"}>
      {status === "processing" ? <Loader2 className="animate-spin" aria-hidden /> : null}
      {tx(`requests.status.${status}`, humanize(status))}
    </Badge>
  );
}

const CARD_TONES: Record<string, BadgeTone> = {
  pending: "neutral",
  queued: "neutral",
  generating: "warning",
  processing: "warning",
  ready: "brand",
  publishing: "warning",
  published: "info",
  moderation: "info",
  live: "success",
  done: "success",
  rejected: "danger",
  failed: "danger",
  needs_attention: "warning",
};

export function CardStatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return <Badge tone={CARD_TONES[status] ?? "neutral"}>{tx(`cardStatus.${status}`, humanize(status))}</Badge>;
}

const CREDENTIAL_TONES: Record<string, BadgeTone> = { active: "success", failed: "danger", untested: "warning", missing: "neutral" };

export function CredentialStatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return <Badge tone={CREDENTIAL_TONES[status] ?? "neutral"}>{tx(`credentials.status.${status}`, humanize(status))}</Badge>;
}

const PRIORITY_TONES: Record<string, BadgeTone> = { urgent: "danger", high: "warning", normal: "neutral", low: "neutral" };

export function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  const { tx } = useI18n();
  if (!priority) return <span className="text-zinc-500">—</span>;
  return <Badge tone={PRIORITY_TONES[priority] ?? "neutral"}>{tx(`requests.priority.${priority}`, humanize(priority))}</Badge>;
}

export function StageIcon({ status, className }: { status: string; className?: string }) {
  const cls = cn("size-4 shrink-0", className);
  switch (status) {
    case "done":
      return <CheckCircle2 className={cn(cls, "text-emerald-600")} aria-hidden />;
    case "running":
      return <Loader2 className={cn(cls, "animate-spin text-brand-600")} aria-hidden />;
    case "failed":
      return <AlertCircle className={cn(cls, "text-red-600")} aria-hidden />;
    case "retrying":
      return <RotateCw className={cn(cls, "text-amber-600")} aria-hidden />;
    case "skipped":
      return <MinusCircle className={cn(cls, "text-zinc-400")} aria-hidden />;
    case "queued":
      return <Clock className={cn(cls, "text-zinc-500")} aria-hidden />;
    case "pending":
    case "waiting":
      return <CircleDashed className={cn(cls, "text-zinc-400")} aria-hidden />;
    default:
      return <Circle className={cn(cls, "text-zinc-400")} aria-hidden />;
  }
}
