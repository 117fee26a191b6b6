import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ImageOff, RefreshCw, VideoOff } from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "wouter";
import { MarketplaceMark, useMarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { CardStatusBadge } from "@/components/status";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { humanize, useI18n } from "@/i18n";
import { api, assetUrl, isApiError } from "@/lib/api";
import { attributeLabel } from "@/lib/categories";
import { readCard, reasonText, type CardTexts } from "@/lib/card";
import { errorMessage } from "@/lib/errors";
import { keys, useCard } from "@/lib/queries";
import { cn } from "@/lib/utils";

const IN_PROGRESS = new Set(["pending", "queued", "generating", "processing", "publishing", "moderation"]);

export default function CardPreviewPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const probe = useCard(id);
  const card = useCard(id, probe.data && IN_PROGRESS.has(probe.data.status) ? 5000 : false);

  if (card.isPending) {
    return (
      <Page>
        <Card>
          <LoadingState rows={8} />
        </Card>
      </Page>
    );
  }
  if (card.isError) {
    const notFound = isApiError(card.error) && card.error.status === 404;
    return (
      <Page>
        <Card>
          {notFound ? (
            <EmptyState
              title={t("card.notFound")}
              action={
                <Link href="/requests" className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t("requests.title")}
                </Link>
              }
            />
          ) : (
            <ErrorState error={card.error} onRetry={() => card.refetch()} />
          )}
        </Card>
      </Page>
    );
  }
  return <CardView raw={card.data} />;
}

function CardView({ raw }: { raw: Parameters<typeof readCard>[0] }) {
  const { t, tx, lang } = useI18n();
  const name = useMarketplaceName();
  const toast = useToast();
  const qc = useQueryClient();
  const c = readCard(raw);
  const textLangs = Object.keys(c.texts);
  const defaultLang = textLangs.includes(lang) ? lang : textLangs[0];
  const republish = useMutation({
    mutationFn: () => api(`/api/cards/${encodeURIComponent(c.id)}/republish`, { method: "POST", json: {} }),
    onSuccess: () => {
      toast.success(t("requests.republishedToast"));
      qc.invalidateQueries({ queryKey: keys.card(c.id) });
    },
    onError: (e) => toast.error(errorMessage(e, t)),
  });

  return (
    <Page>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <MarketplaceMark marketplace={c.marketplace} className="size-8 text-[11px]" />
            <span>
              {t("card.title")} · {name(c.marketplace)}
            </span>
          </span>
        }
        docTitle={`${t("card.title")} · ${name(c.marketplace)}`}
        back={c.requestId ? { href: `/requests/${encodeURIComponent(c.requestId)}`, label: t("card.backToRequest") } : { href: "/requests", label: t("requests.title") }}
        meta={<CardStatusBadge status={c.status} />}
        actions={
          ["failed", "rejected", "needs_attention"].includes(c.status) ? (
            <Button variant="outline" loading={republish.isPending} onClick={() => republish.mutate()}>
              {republish.isPending ? null : <RefreshCw aria-hidden />}
              {t("requests.republish")}
            </Button>
          ) : null
        }
      />

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]">
        <div className="flex min-w-0 flex-col gap-5">
          <Gallery images={c.images} title={c.title ?? name(c.marketplace)} />
          <Card>
            <CardHeader>
              <CardTitle>{t("card.video")}</CardTitle>
            </CardHeader>
            <CardContent>
              {c.video ? (
                <video controls preload="metadata" className="aspect-[3/4] max-h-[32rem] w-full rounded-lg bg-zinc-900 object-contain" aria-label={t("card.videoLabel")}>
                  <source src={assetUrl(c.video)} />
                </video>
              ) : (
                <div className="flex items-center gap-2 text-sm text-zinc-500">
                  <VideoOff className="size-4" aria-hidden />
                  {t("card.noVideo")}
                </div>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="flex min-w-0 flex-col gap-5">
          <Card>
            <CardContent className="flex flex-col gap-4">
              {c.title ? (
                <h2 className="text-lg leading-snug font-semibold text-zinc-900">{c.title}</h2>
              ) : (
                <p className="text-sm text-zinc-500">{t("card.noContent")}</p>
              )}
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <div>
                  <dt className="text-xs text-zinc-500">{t("card.status")}</dt>
                  <dd className="mt-0.5">
                    <CardStatusBadge status={c.status} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-zinc-500">{t("card.marketplaceRef")}</dt>
                  <dd className="mt-0.5 font-mono text-zinc-800 break-all">{c.marketplaceRef ?? "—"}</dd>
                </div>
                {c.moderation ? (
                  <div className="col-span-2">
                    <dt className="text-xs text-zinc-500">{t("card.moderation")}</dt>
                    <dd className="mt-0.5 flex flex-col gap-1">
                      {c.moderation.status ? <span>{tx(`cardStatus.${c.moderation.status}`, humanize(c.moderation.status))}</span> : null}
                      {c.moderation.reasons.length ? (
                        <ul className="list-disc pl-5 text-red-700">
                          {c.moderation.reasons.map((m, i) => (
                            <li key={i} title={m.original}>
                              {reasonText(m, lang)}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </dd>
                  </div>
                ) : null}
              </dl>
            </CardContent>
          </Card>

          <QualityCard score={c.quality.score} issues={c.quality.issues} />

          {textLangs.length > 1 ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("card.texts")}</CardTitle>
              </CardHeader>
              <CardContent className="pt-3">
                <Tabs defaultValue={defaultLang}>
                  <TabsList>
                    {textLangs.map((l) => (
                      <TabsTrigger key={l} value={l}>
                        {tx(`card.langNames.${l}`, l.toUpperCase())}
                      </TabsTrigger>
                    ))}
                  </TabsList>
                  {textLangs.map((l) => (
                    <TabsContent key={l} value={l} lang={l}>
                      <Texts texts={c.texts[l]} />
                    </TabsContent>
                  ))}
                </Tabs>
              </CardContent>
            </Card>
          ) : textLangs.length === 1 ? (
            <Card>
              <CardContent lang={textLangs[0]}>
                <Texts texts={c.texts[textLangs[0]]} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </Page>
  );
}

function Texts({ texts }: { texts: CardTexts }) {
  const { t, lang } = useI18n();
  return (
    <div className="flex flex-col gap-5">
      {texts.title ? <p className="text-base font-semibold text-zinc-900">{texts.title}</p> : null}
      {texts.bullets.length ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t("card.bullets")}</h3>
          <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-zinc-700">
            {texts.bullets.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {texts.description ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t("card.description")}</h3>
          <p className="text-sm leading-relaxed whitespace-pre-line text-zinc-700">{texts.description}</p>
        </section>
      ) : null}
      {texts.characteristics.length ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t("card.characteristics")}</h3>
          <div className="overflow-hidden rounded-lg border border-zinc-200">
            <Table>
              <TableCaption>{t("card.characteristics")}</TableCaption>
              <TableBody>
                {texts.characteristics.map(([k, v], i) => (
                  <TableRow key={`${k}-${i}`} className="hover:bg-transparent">
                    <th scope="row" className="w-2/5 bg-zinc-50 px-4 py-2 text-left align-middle text-xs font-medium text-zinc-600">
                      {attributeLabel(k, lang) ?? k}
                    </th>
                    <TableCell className="py-2 text-zinc-900">{v}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}
      {texts.keywords.length ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t("card.keywords")}</h3>
          <ul className="flex flex-wrap gap-1.5">
            {texts.keywords.map((k, i) => (
              <li key={i}>
                <Badge>{k}</Badge>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!texts.title && !texts.description && !texts.bullets.length && !texts.characteristics.length ? (
        <p className="text-sm text-zinc-500">{t("card.noContent")}</p>
      ) : null}
    </div>
  );
}

function Gallery({ images, title }: { images: string[]; title: string }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const current = images[Math.min(index, images.length - 1)];
  if (images.length === 0) {
    return (
      <Card>
        <div className="flex aspect-[3/4] max-h-[36rem] flex-col items-center justify-center gap-2 text-sm text-zinc-500">
          <ImageOff className="size-6 text-zinc-300" aria-hidden />
          {t("card.noImages")}
        </div>
      </Card>
    );
  }
  return (
    <Card className="overflow-hidden">
      <h2 className="sr-only">{t("card.images")}</h2>
      <div className="flex aspect-[3/4] max-h-[36rem] w-full items-center justify-center bg-zinc-100">
        <img src={assetUrl(current)} alt={`${title} — ${t("card.imageN", { n: index + 1 })}`} className="size-full object-contain" />
      </div>
      {images.length > 1 ? (
        <ul className="flex gap-2 overflow-x-auto p-3" aria-label={t("card.images")}>
          {images.map((img, i) => (
            <li key={`${img}-${i}`} className="shrink-0">
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={t("card.showImage", { n: i + 1 })}
                aria-pressed={i === index}
                className={cn(
                  "block size-16 cursor-pointer overflow-hidden rounded-md border-2 bg-zinc-100 transition-colors",
                  i === index ? "border-brand-600" : "border-transparent hover:border-zinc-300",
                )}
              >
                <img src={assetUrl(img)} alt="" loading="lazy" className="size-full object-cover" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function QualityCard({ score, issues }: { score: number | null; issues: { message: string; severity: string | null; field: string | null }[] }) {
  const { t, tx } = useI18n();
  const s = score === null ? null : Math.max(0, Math.min(100, Math.round(score)));
  const color = s === null ? "text-zinc-300" : s >= 80 ? "text-emerald-500" : s >= 60 ? "text-amber-500" : "text-red-500";
  const r = 26;
  const circ = 2 * Math.PI * r;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("card.quality")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="relative size-20 shrink-0" role="img" aria-label={s === null ? t("card.quality") : `${t("card.quality")}: ${t("card.scoreOutOf", { score: s })}`}>
          <svg viewBox="0 0 64 64" className="size-20 -rotate-90" aria-hidden>
            <circle cx="32" cy="32" r={r} fill="none" strokeWidth="6" className="stroke-zinc-100" />
            <circle
              cx="32"
              cy="32"
              r={r}
              fill="none"
              strokeWidth="6"
              strokeLinecap="round"
              stroke="currentColor"
              className={color}
              strokeDasharray={`${((s ?? 0) / 100) * circ} ${circ}`}
            />
          </svg>
          <span className="absolute inset-0 flex items-center justify-center text-xl font-semibold text-zinc-900 tabular" aria-hidden>
            {s ?? "—"}
          </span>
        </div>
        <div className="min-w-0 flex-1">
          <h3 className="mb-2 text-sm font-medium text-zinc-800">{t("card.issues")}</h3>
          {issues.length === 0 ? (
            <p className="text-sm text-emerald-700">{t("card.noIssues")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {issues.map((i, n) => (
                <li key={n} className="flex items-start gap-2 text-sm">
                  {i.severity ? (
                    <Badge tone={i.severity === "block" || i.severity === "error" ? "danger" : i.severity === "warn" || i.severity === "warning" ? "warning" : "neutral"} className="mt-0.5">
                      {tx(`card.severity.${i.severity}`, humanize(i.severity))}
                    </Badge>
                  ) : null}
                  <span className="min-w-0 break-words text-zinc-700">
                    {i.message}
                    {i.field ? <span className="ml-1 font-mono text-xs text-zinc-500">({i.field})</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}

