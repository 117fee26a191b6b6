import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

// One labelled form control with its help text and error, wired for assistive technology:
// the label points at the control, the control is aria-invalid and aria-describedby its error.
export interface FieldProps {
  label: ReactNode;
  children: ReactElement<Record<string, unknown>>;
  help?: ReactNode;
  error?: ReactNode;
  optional?: ReactNode;
  className?: string;
  id?: string;
}

export function Field({ label, children, help, error, optional, className, id }: FieldProps) {
  const auto = useId();
  const controlId = id ?? auto;
  const helpId = `${controlId}-help`;
  const errorId = `${controlId}-error`;
  const describedBy = [help && !error ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })
    : children;
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={controlId}>{label}</Label>
        {optional ? <span className="text-xs text-zinc-500">{optional}</span> : null}
      </div>
      {control}
      {help && !error ? (
        <p id={helpId} className="text-xs text-zinc-500">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
