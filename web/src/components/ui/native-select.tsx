import { ChevronDown } from "lucide-react";
import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "@/lib/utils";

// A styled native <select>: fully keyboard- and screen-reader-friendly, best on phones, and it
// needs no injected <style> (Radix Select injects one, which our CSP refuses).
export const NativeSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { wrapperClassName?: string }>(
  ({ className, wrapperClassName, children, ...props }, ref) => (
    <div className={cn("relative", wrapperClassName)}>
      <select
        ref={ref}
        className={cn(
          "h-9 w-full min-w-0 cursor-pointer appearance-none rounded-md border border-zinc-300 bg-white py-1 pr-9 pl-3 text-sm text-zinc-900 shadow-xs transition-colors focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-500/30 disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-red-500",
          className,
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-zinc-500" />
    </div>
  ),
);
NativeSelect.displayName = "NativeSelect";
