import { Lock, SearchX } from "lucide-react";
import { Link } from "wouter";
import { Page } from "@/components/page";
import { EmptyState } from "@/components/states";
import { buttonVariants } from "@/components/ui/button";
import { useI18n } from "@/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page>
      <EmptyState
        icon={<SearchX className="size-5" aria-hidden />}
        title={<span role="heading" aria-level={1}>{t("errors.notFoundTitle")}</span>}
        body={t("errors.notFoundBody")}
        action={
          <Link href="/" className={buttonVariants({ variant: "outline", size: "sm" })}>
            {t("errors.goHome")}
          </Link>
        }
      />
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Page>
      <EmptyState
        icon={<Lock className="size-5" aria-hidden />}
        title={<span role="heading" aria-level={1}>{t("errors.forbiddenTitle")}</span>}
        body={t("errors.forbiddenBody")}
        action={
          <Link href="/" className={buttonVariants({ variant: "outline", size: "sm" })}>
            {t("errors.goHome")}
          </Link>
        }
      />
    </Page>
  );
}
