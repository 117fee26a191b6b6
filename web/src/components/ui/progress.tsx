import * as ProgressPrimitive from "@radix-ui/react-progress";
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from "react";
import { cn } from "@/lib/utils";

type Tone = "brand" | "success" | "danger" | "muted";
const TONES: Record<Tone, string> = {
  brand: "bg-brand-600",
  success: "bg-emerald-600",
  danger: "bg-red-600",
  muted: "bg-zinc-400",
};

export const Progress = forwardRef<
  ElementRef<typeof ProgressPrimitive.Root>,
  ComponentPropsWithoutRef<typeof ProgressPrimitive.Root> & { tone?: Tone; indicatorClassName?: string }
>(({ className, value, tone = "brand", indicatorClassName, ...props }, ref) => {
  const v = Math.max(0, Math.min(100, value ?? 0));
  return (
    <ProgressPrimitive.Root
      ref={ref}
      value={v}
      max={100}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-zinc-200", className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        className={cn("h-full w-full flex-1 transition-transform duration-500 ease-out", TONES[tone], indicatorClassName)}
        // CSSOM style from JS is allowed by style-src 'self' (only markup/inline <style> is not).
        style={{ transform: `translateX(-${100 - v}%)` }}
      />
    </ProgressPrimitive.Root>
  );
});
Progress.displayName = "Progress";
