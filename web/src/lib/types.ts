// Shapes of what the API returns (API.md). The backend is still growing, so readers of these
// objects are tolerant: optional fields, alternative names, unknown statuses.
import type { Money } from "./money";
import type { CredentialKind, Marketplace } from "./marketplaces";
import { asNumber, isRecord } from "./utils";

export type Role = "admin" | "partner";

export interface User {
  id: string;
  email: string;
  role: Role;
  partner_id?: string | null;
  company?: string | null;
}

export interface Session {
  user: User;
  csrf_token: string;
  partner?: { id: string; company: string; tier?: string; status?: string } | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type CredentialStatusName = "untested" | "active" | "failed";

export interface CredentialInfo {
  marketplace: Marketplace;
  kind: CredentialKind;
  status: CredentialStatusName | string;
  last_verified?: string | null;
  last_error?: string | null;
  hint?: string | null;
}

export interface CredentialTestResult {
  status: CredentialStatusName | string;
  message?: string;
  last_verified?: string | null;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string;
  brand?: string;
  description?: string;
  attributes?: Record<string, unknown>;
  cost?: Money;
  price?: Money;
  stock?: number;
  barcode?: string;
  photos?: unknown;
  photo_asset_ids?: string[];
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

export type RequestStatus = "draft" | "submitted" | "approved" | "rejected" | "processing" | "done" | "failed";
export type Priority = "urgent" | "high" | "normal" | "low";
export const PRIORITIES: Priority[] = ["urgent", "high", "normal", "low"];
export const REQUEST_STATUSES: RequestStatus[] = ["submitted", "approved", "processing", "done", "failed", "rejected"];
export const TERMINAL_REQUEST: ReadonlySet<string> = new Set(["done", "failed", "rejected"]);

export interface Stage {
  stage: string;
  status: string;
  started_at?: string | null;
  finished_at?: string | null;
  error?: string | { message?: string; code?: string } | null;
  progress?: number;
}

export interface CardSummary {
  id: string;
  marketplace: Marketplace | string;
  status: string;
  progress?: number;
  stages?: Stage[];
  marketplace_ref?: string | null;
  error?: string | null;
}

export interface FulfilmentRequest {
  id: string;
  product_id: string;
  product?: { id?: string; name?: string; sku?: string } | null;
  product_name?: string;
  product_sku?: string;
  partner_id?: string;
  partner?: { id?: string; company?: string } | null;
  company?: string;
  partner_company?: string;
  marketplaces: (Marketplace | string)[];
  priority?: Priority | string | null;
  status: RequestStatus | string;
  reason?: string | null;
  progress?: number;
  cards?: CardSummary[];
  created_at?: string;
  updated_at?: string;
}

export interface QualityIssue {
  code?: string;
  message?: string;
  severity?: string;
  field?: string;
  rule?: string;
}

export interface CardDetail {
  id: string;
  request_id?: string;
  marketplace: Marketplace | string;
  status: string;
  content?: Record<string, unknown> | null;
  images?: unknown[];
  video?: string | null;
  quality?: { score?: number; issues?: (string | QualityIssue)[] } | null;
  marketplace_ref?: string | null;
  moderation?: unknown;
  [extra: string]: unknown;
}

export type Tier = "starter" | "business" | "professional" | "enterprise";
export const TIERS: Tier[] = ["starter", "business", "professional", "enterprise"];

export interface Partner {
  id: string;
  company: string;
  tier: Tier | string;
  status: "active" | "suspended" | string;
  email?: string;
  owner_email?: string;
  created_at?: string;
}

export interface AuditEntry {
  id?: string;
  at?: string;
  ts?: string;
  time?: string;
  created_at?: string;
  actor?: string | null;
  actor_email?: string | null;
  action?: string;
  event?: string;
  kind?: string;
  target?: string | null;
  partner_id?: string | null;
  marketplace?: string | null;
  details?: unknown;
  [extra: string]: unknown;
}

// ---- readers -------------------------------------------------------------------------------

export function productName(r: FulfilmentRequest): string {
  return r.product?.name || r.product_name || r.product?.sku || r.product_sku || r.product_id;
}

export function productSku(r: FulfilmentRequest): string | undefined {
  return r.product?.sku || r.product_sku || undefined;
}

export function partnerName(r: FulfilmentRequest): string | undefined {
  return r.partner?.company || r.partner_company || r.company || r.partner_id || undefined;
}

/** Photo asset ids of a product, whatever the field is called. */
export function productPhotos(p: Product | null | undefined): string[] {
  if (!p) return [];
  const candidates = [p.photos, p.photo_asset_ids, p.photo_ids, p.images, p.assets];
  for (const c of candidates) {
    if (Array.isArray(c)) {
      return c
        .map((x) => (typeof x === "string" ? x : isRecord(x) ? (x.asset_id ?? x.id) : null))
        .filter((x): x is string => typeof x === "string" && x !== "");
    }
  }
  return [];
}

/** Overall request progress: the server's figure, else the mean of its cards. */
export function requestProgress(r: FulfilmentRequest): number | null {
  const n = asNumber(r.progress);
  if (n !== null) return n;
  if (r.status === "done") return 100;
  const cards = r.cards ?? [];
  if (cards.length === 0) return null;
  const sum = cards.reduce((acc, c) => acc + (asNumber(c.progress) ?? cardProgressFromStages(c)), 0);
  return sum / cards.length;
}

export function cardProgressFromStages(c: CardSummary): number {
  const stages = c.stages ?? [];
  if (stages.length === 0) return 0;
  const done = stages.filter((s) => s.status === "done" || s.status === "skipped").length;
  return (done / stages.length) * 100;
}

export function cardProgress(c: CardSummary): number {
  return asNumber(c.progress) ?? cardProgressFromStages(c);
}

export function stageError(s: Stage): string | null {
  if (!s.error) return null;
  if (typeof s.error === "string") return s.error;
  return s.error.message ?? s.error.code ?? null;
}

export function auditTime(e: AuditEntry): string | undefined {
  return e.at ?? e.ts ?? e.time ?? e.created_at;
}
