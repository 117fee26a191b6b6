import { AlertTriangle, Inbox } from "lucide-react";
import type { ReactNode } from "react";
import { useI18n } from "@/i18n";
import { errorMessage } from "@/lib/errors";
import { cn } from "@/lib/utils";
import { Button } from "./ui/button";
import { Skeleton } from "./ui/skeleton";
import { Spinner } from "./ui/spinner";

export function LoadingState({ rows = 4, className }: { rows?: number; className?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" className={cn("flex flex-col gap-3 p-5", className)}>
      <span className="sr-only">{t("common.loading")}</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cn("h-10", i % 2 ? "w-11/12" : "w-full")} />
      ))}
    </div>
  );
}

export function FullPageSpinner() {
  const { t } = useI18n();
  return (
    <div className="flex min-h-dvh items-center justify-center" role="status" aria-live="polite">
      <Spinner className="size-6 text-brand-600" />
      <span className="sr-only">{t("common.loading")}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { t } = useI18n();
  return (
    <div role="alert" className={cn("flex flex-col items-center gap-3 px-6 py-12 text-center", className)}>
      <span className="flex size-10 items-center justify-center rounded-full bg-red-50 text-red-600">
        <AlertTriangle className="size-5" aria-hidden />
      </span>
      <div>
        <p className="font-medium text-zinc-900">{t("common.errorTitle")}</p>
        <p className="mt-1 max-w-md text-sm text-zinc-600">{errorMessage(error, t)}</p>
      </div>
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({
  title,
  body,
  action,
  icon,
  className,
}: {
  title: ReactNode;
  body?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center gap-3 px-6 py-14 text-center", className)}>
      <span className="flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
        {icon ?? <Inbox className="size-5" aria-hidden />}
      </span>
      <div>
        <p className="font-medium text-zinc-900">{title}</p>
        {body ? <p className="mt-1 max-w-md text-sm text-zinc-600">{body}</p> : null}
      </div>
      {action}
    </div>
  );
}
