import { useInfiniteQuery, useQueries, useQuery, type InfiniteData } from "@tanstack/react-query";
import { get, type Query } from "./api";
import type { Competitor, Order, PricePoint } from "./competitors";
import type { AuditEntry, CardDetail, CredentialInfo, FulfilmentRequest, Page, Partner, Product } from "./types";

export const PAGE_SIZE = 50;

export const keys = {
  credentials: ["credentials"] as const,
  products: ["products"] as const,
  product: (id: string) => ["products", id] as const,
  requests: (status?: string) => ["requests", "list", status ?? "all"] as const,
  requestsAll: ["requests"] as const,
  request: (id: string) => ["requests", "one", id] as const,
  card: (id: string) => ["cards", id] as const,
  partners: ["admin", "partners"] as const,
  queue: ["admin", "queue"] as const,
  stats: ["admin", "stats"] as const,
  audit: ["admin", "audit"] as const,
  competitors: (productId?: string) => ["competitors", "list", productId ?? "all"] as const,
  competitorsAll: ["competitors"] as const,
  competitorPrices: (id: string) => ["competitors", "prices", id] as const,
  orders: (productId?: string) => ["orders", productId ?? "all"] as const,
};

/** Normalises a list answer: {items, next_cursor}, or a bare array from an older backend. */
export function toPage<T>(raw: unknown): Page<T> {
  if (Array.isArray(raw)) return { items: raw as T[], next_cursor: null };
  const obj = (raw ?? {}) as { items?: unknown; next_cursor?: unknown };
  return {
    items: Array.isArray(obj.items) ? (obj.items as T[]) : [],
    next_cursor: typeof obj.next_cursor === "string" && obj.next_cursor !== "" ? obj.next_cursor : null,
  };
}

export function flatItems<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}

function useCursorList<T>(key: readonly unknown[], path: string, query?: Query, opts?: { refetchInterval?: number | false; enabled?: boolean }) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: async ({ pageParam, signal }) =>
      toPage<T>(await get<unknown>(path, { ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: opts?.refetchInterval,
    enabled: opts?.enabled,
  });
}

export function useCredentials() {
  return useQuery({
    queryKey: keys.credentials,
    queryFn: async ({ signal }) => toPage<CredentialInfo>(await get<unknown>("/api/credentials", undefined, signal)).items,
  });
}

export function useProducts() {
  return useCursorList<Product>(keys.products, "/api/products");
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: keys.product(id),
    queryFn: ({ signal }) => get<Product>(`/api/products/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useRequests(status?: string, opts?: { refetchInterval?: number | false }) {
  return useCursorList<FulfilmentRequest>(keys.requests(status), "/api/requests", { status }, opts);
}

export function useRequest(id: string, refetchInterval: number | false) {
  return useQuery({
    queryKey: keys.request(id),
    queryFn: ({ signal }) => get<FulfilmentRequest>(`/api/requests/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval,
  });
}

export function useCard(id: string, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: keys.card(id),
    queryFn: ({ signal }) => get<CardDetail>(`/api/cards/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval,
  });
}

export function usePartners() {
  return useCursorList<Partner>(keys.partners, "/api/admin/partners");
}

export function useQueue() {
  return useQuery({
    queryKey: keys.queue,
    queryFn: ({ signal }) => get<unknown>("/api/admin/queue", undefined, signal),
    refetchInterval: 5000,
  });
}

export function useStats() {
  return useQuery({
    queryKey: keys.stats,
    queryFn: ({ signal }) => get<unknown>("/api/admin/stats", undefined, signal),
    refetchInterval: 30_000,
  });
}

export function useAudit() {
  return useCursorList<AuditEntry>(keys.audit, "/api/admin/audit");
}

/**
 * Names for the rows of a request list. The list items carry ids only; a partner's own products
 * are already at hand, while an admin sees each request's product through its detail (cached,
 * shared with the detail page) and partners' company names through the partner list.
 */
export function useRequestLabels(items: FulfilmentRequest[], admin: boolean, enabled = true) {
  const products = useCursorList<Product>(keys.products, "/api/products", undefined, { enabled: enabled && !admin });
  const partners = useCursorList<Partner>(keys.partners, "/api/admin/partners", undefined, { enabled: enabled && admin });
  const needDetail = admin ? items.filter((r) => !r.product?.name).slice(0, PAGE_SIZE) : [];
  const details = useQueries({
    queries: needDetail.map((r) => ({
      queryKey: keys.request(r.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => get<FulfilmentRequest>(`/api/requests/${encodeURIComponent(r.id)}`, undefined, signal),
      staleTime: 60_000,
    })),
  });
  const byProduct = new Map(flatItems(products.data).map((p) => [p.id, p]));
  const byPartner = new Map(flatItems(partners.data).map((p) => [p.id, p.company]));
  const byRequest = new Map(details.flatMap((d) => (d.data ? [[d.data.id, d.data] as const] : [])));
  return (r: FulfilmentRequest): FulfilmentRequest => {
    const p = r.product?.name ? r.product : (byRequest.get(r.id)?.product ?? byProduct.get(r.product_id) ?? null);
    const company = r.partner?.company ?? (r.partner_id ? byPartner.get(r.partner_id) : undefined);
    return { ...r, product: p ? { id: p.id, name: p.name, sku: p.sku } : r.product, partner_company: r.partner_company ?? company };
  };
}

export function useCompetitors(productId?: string) {
  return useCursorList<Competitor>(keys.competitors(productId), "/api/competitors", { product_id: productId });
}

/** The newest 100 reads of one competitor card: enough for the small chart. */
export function useCompetitorPrices(id: string) {
  return useQuery({
    queryKey: keys.competitorPrices(id),
    queryFn: async ({ signal }) =>
      toPage<PricePoint>(await get<unknown>(`/api/competitors/${encodeURIComponent(id)}/prices`, { limit: 100 }, signal)).items,
  });
}

export function useOrders(productId?: string) {
  return useCursorList<Order>(keys.orders(productId), "/api/orders", { product_id: productId });
}
