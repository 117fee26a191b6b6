import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "@/i18n";
import { cn } from "@/lib/utils";

// A modal built on the native <dialog> element: the browser gives us the top layer, an inert
// page behind it, Escape to close and focus return. (Radix Dialog locks scrolling by injecting a
// <style> element, which our Content-Security-Policy refuses and reports as a console error.)
export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  /** "center" (default) or "left" sheet (the phone menu). */
  placement?: "center" | "left";
  hideTitle?: boolean;
}

export function Dialog({ open, onOpenChange, title, description, children, footer, className, placement = "center", hideTitle }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const { t } = useI18n();

  useEffect(() => {
    const el = ref.current;
    if (!el || !open) return;
    // Remember what had focus, and give it back however the dialog goes away (closed or unmounted).
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) {
      try {
        el.showModal();
      } catch {
        el.setAttribute("open", "");
      }
    }
    return () => {
      if (el.open) el.close();
      if (previous && previous.isConnected) previous.focus();
    };
  }, [open]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onClose = () => onOpenChange(false);
    el.addEventListener("close", onClose);
    return () => el.removeEventListener("close", onClose);
  }, [onOpenChange]);

  return (
    <dialog
      ref={ref}
      data-modal=""
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onMouseDown={(e) => {
        // A press on the backdrop (the dialog element itself, outside its panel) closes it.
        if (e.target === ref.current) onOpenChange(false);
      }}
      className={cn(
        "m-0 max-h-none max-w-none bg-transparent p-0 backdrop:bg-zinc-950/40 open:animate-fade-in",
        placement === "center" ? "fixed inset-0 h-full w-full" : "fixed inset-0 h-full w-full",
      )}
    >
      {open ? (
        <div className={cn("flex h-full w-full", placement === "center" ? "items-end justify-center p-0 sm:items-center sm:p-4" : "items-stretch justify-start")}
          onMouseDown={(e) => {
            if (e.target === e.currentTarget) onOpenChange(false);
          }}
        >
          <div
            className={cn(
              "relative flex max-h-full flex-col bg-white shadow-xl",
              placement === "center"
                ? "w-full rounded-t-xl sm:max-w-lg sm:rounded-xl"
                : "h-full w-72 max-w-[85vw] animate-slide-in",
              className,
            )}
          >
            <div className={cn("flex items-start justify-between gap-4 px-5 pt-5", hideTitle && "sr-only")}>
              <div className="min-w-0">
                <h2 id={titleId} className="text-base font-semibold text-zinc-900">
                  {title}
                </h2>
                {description ? (
                  <p id={descId} className="mt-1 text-sm text-zinc-600">
                    {description}
                  </p>
                ) : null}
              </div>
            </div>
            <button
              type="button"
              onClick={() => onOpenChange(false)}
              className="absolute top-3.5 right-3.5 inline-flex size-8 cursor-pointer items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
              aria-label={t("common.close")}
            >
              <X className="size-4" aria-hidden />
            </button>
            <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
            {footer ? <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 px-5 py-3 sm:flex-row sm:justify-end">{footer}</div> : null}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
