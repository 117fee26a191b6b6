import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

type Tone = "info" | "success" | "warning" | "danger";
const STYLES: Record<Tone, { box: string; icon: ReactNode }> = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: <Info className="size-4 text-sky-600" aria-hidden /> },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: <CheckCircle2 className="size-4 text-emerald-600" aria-hidden /> },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: <AlertTriangle className="size-4 text-amber-600" aria-hidden /> },
  danger: { box: "border-red-200 bg-red-50 text-red-900", icon: <XCircle className="size-4 text-red-600" aria-hidden /> },
};

export function Alert({
  tone = "info",
  title,
  children,
  className,
  action,
  live,
  icon,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  action?: ReactNode;
  /** Announce it to screen readers when it appears (errors after a submit). */
  live?: boolean;
  /** Replaces the tone's icon. */
  icon?: ReactNode;
}) {
  const s = STYLES[tone];
  return (
    <div
      role={live ? (tone === "danger" ? "alert" : "status") : undefined}
      className={cn("flex items-start gap-3 rounded-lg border px-4 py-3 text-sm", s.box, className)}
    >
      <span className="mt-0.5">{icon ?? s.icon}</span>
      <div className="min-w-0 flex-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn("break-words", title && "mt-0.5 opacity-90")}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
