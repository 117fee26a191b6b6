import { useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { useRegister } from "@/auth/session";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useI18n } from "@/i18n";
import { fieldMatches, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { AuthLayout } from "./AuthLayout";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type Name = "company" | "email" | "password";

export default function RegisterPage() {
  const { t } = useI18n();
  const register = useRegister();
  const [, navigate] = useLocation();
  const [values, setValues] = useState<Record<Name, string>>({ company: "", email: "", password: "" });
  const [local, setLocal] = useState<Partial<Record<Name, string>>>({});

  const apiErr = register.error;
  const apiField = isApiError(apiErr) ? apiErr.field : undefined;
  const knownField = apiField && (["company", "email", "password"] as Name[]).some((n) => fieldMatches(apiField, n));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<Name, string>> = {};
    if (!values.company.trim()) errs.company = t("auth.required");
    if (!values.email.trim()) errs.email = t("auth.required");
    else if (!EMAIL_RE.test(values.email.trim())) errs.email = t("auth.invalidEmail");
    if (!values.password) errs.password = t("auth.required");
    else if (values.password.length < 8) errs.password = t("auth.passwordTooShort");
    setLocal(errs);
    if (Object.keys(errs).length) return;
    register.mutate(
      { company: values.company.trim(), email: values.email.trim(), password: values.password },
      { onSuccess: () => navigate("/products/new", { replace: true }) },
    );
  }

  const fieldError = (name: Name) => local[name] ?? (apiErr && fieldMatches(apiField, name) ? errorMessage(apiErr, t) : undefined);
  const set = (name: Name) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value }));

  return (
    <AuthLayout
      title={t("auth.signUpTitle")}
      subtitle={t("auth.signUpSubtitle")}
      footer={
        <>
          {t("auth.haveAccount")}{" "}
          <Link href="/login" className="font-medium text-brand-700 hover:underline">
            {t("auth.signIn")}
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {apiErr && !knownField ? (
          <Alert tone="danger" live>
            {errorMessage(apiErr, t)}
          </Alert>
        ) : null}
        <Field label={t("auth.company")} error={fieldError("company")}>
          <Input name="company" autoComplete="organization" value={values.company} onChange={set("company")} autoFocus />
        </Field>
        <Field label={t("auth.email")} error={fieldError("email")}>
          <Input type="email" name="email" autoComplete="email" inputMode="email" value={values.email} onChange={set("email")} />
        </Field>
        <Field label={t("auth.password")} error={fieldError("password")} help={t("auth.passwordHint")}>
          <Input type="password" name="password" autoComplete="new-password" value={values.password} onChange={set("password")} />
        </Field>
        <Button type="submit" size="lg" className="mt-2 w-full" loading={register.isPending}>
          {register.isPending ? t("auth.signingUp") : t("auth.signUp")}
        </Button>
      </form>
    </AuthLayout>
  );
}
