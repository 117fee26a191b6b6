import { useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { takeExpiredNotice, useLogin, useSession } from "@/auth/session";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useI18n } from "@/i18n";
import { fieldMatches, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { AuthLayout } from "./AuthLayout";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Only same-app paths may be a "next" target (no open redirects). */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/login") || raw.startsWith("/register")) return "/";
  return raw;
}

export default function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const session = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const next = safeNext(new URLSearchParams(search).get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [local, setLocal] = useState<{ email?: string; password?: string }>({});
  const [expired] = useState(takeExpiredNotice);

  const apiErr = login.error;
  const apiField = isApiError(apiErr) ? apiErr.field : undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof local = {};
    if (!email.trim()) errs.email = t("auth.required");
    else if (!EMAIL_RE.test(email.trim())) errs.email = t("auth.invalidEmail");
    if (!password) errs.password = t("auth.required");
    setLocal(errs);
    if (Object.keys(errs).length) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  const fieldError = (name: "email" | "password") =>
    local[name] ?? (apiErr && fieldMatches(apiField, name) ? errorMessage(apiErr, t) : undefined);

  return (
    <AuthLayout
      title={t("auth.signInTitle")}
      subtitle={t("auth.signInSubtitle")}
      footer={
        <>
          {t("auth.noAccount")}{" "}
          <Link href="/register" className="font-medium text-brand-700 hover:underline">
            {t("auth.signUp")}
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {session.isError && !apiErr ? (
          <Alert
            tone="warning"
            live
            action={
              <Button variant="outline" size="sm" loading={session.isFetching} onClick={() => session.refetch()}>
                {t("common.retry")}
              </Button>
            }
          >
            {errorMessage(session.error, t)}
          </Alert>
        ) : null}
        {expired && !apiErr ? (
          <Alert tone="warning" live>
            {t("auth.sessionExpired")}
          </Alert>
        ) : null}
        {apiErr && !apiField ? (
          <Alert tone="danger" live>
            {errorMessage(apiErr, t)}
          </Alert>
        ) : null}
        <Field label={t("auth.email")} error={fieldError("email")}>
          <Input
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </Field>
        <Field label={t("auth.password")} error={fieldError("password")}>
          <Input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" size="lg" className="mt-2 w-full" loading={login.isPending}>
          {login.isPending ? t("auth.signingIn") : t("auth.signIn")}
        </Button>
      </form>
    </AuthLayout>
  );
}
