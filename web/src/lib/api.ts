// The one way the dashboard talks to the backend (API.md). Relative URLs only; the session cookie
// travels by itself (same origin), and every state-changing request carries X-CSRF-Token.

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfter?: number;

  constructor(status: number, body: ApiErrorBody, retryAfter?: number) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.field = body.field || undefined;
    this.retryAfter = retryAfter;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;
let csrfRefresher: (() => Promise<string | null>) | null = null;

export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}
/** Called when a request answers 401 (the session ended): the app drops back to sign-in. */
export function onUnauthorized(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}
/** How to get a fresh CSRF token when the server refuses ours (usually GET /api/auth/me). */
export function setCsrfRefresher(fn: (() => Promise<string | null>) | null) {
  csrfRefresher = fn;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** JSON body (serialised here). */
  json?: unknown;
  /** Raw body (file uploads) with its own content type. */
  body?: Blob | ArrayBuffer;
  contentType?: string;
  query?: Query;
  signal?: AbortSignal;
  /** Don't call the global 401 handler (sign-in, /me). */
  quiet401?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.round(n));
  const when = Date.parse(v);
  return Number.isNaN(when) ? undefined : Math.max(0, Math.round((when - Date.now()) / 1000));
}

/** Turns any non-2xx answer into an ApiError, reading the {"error": {...}} envelope when present. */
export function errorFromResponse(status: number, statusText: string, bodyText: string, retryAfter?: string | null): ApiError {
  let body: ApiErrorBody | null = null;
  if (bodyText) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      const err = (parsed as { error?: unknown })?.error;
      if (err && typeof err === "object") {
        const e = err as Record<string, unknown>;
        body = {
          code: typeof e.code === "string" && e.code ? e.code : `http_${status}`,
          message: typeof e.message === "string" && e.message ? e.message : statusText || `HTTP ${status}`,
          field: typeof e.field === "string" && e.field ? e.field : undefined,
        };
      } else if (typeof err === "string") {
        body = { code: `http_${status}`, message: err };
      }
    } catch {
      // not JSON (a proxy's HTML page, say)
    }
  }
  if (!body) body = { code: `http_${status}`, message: statusText || `HTTP ${status}` };
  return new ApiError(status, body, parseRetryAfter(retryAfter ?? null));
}

export const NETWORK_ERROR_CODE = "network_error";

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    headers["Content-Type"] = opts.contentType || "application/octet-stream";
    body = opts.body;
  }
  if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as { name?: string })?.name === "AbortError") throw e;
    throw new ApiError(0, { code: NETWORK_ERROR_CODE, message: "Network error" });
  }
}

function looksLikeCsrfRefusal(err: ApiError): boolean {
  return err.status === 403 && (/csrf/i.test(err.code) || /csrf/i.test(err.message));
}

/** Sends one request and returns the parsed JSON body (undefined for 204 / empty bodies). */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? "GET";
  let res = await send(path, opts);
  if (!res.ok) {
    let err = errorFromResponse(res.status, res.statusText, await safeText(res), res.headers.get("Retry-After"));
    // A stale CSRF token (say, after the session was rotated): fetch a fresh one and try once more.
    if (looksLikeCsrfRefusal(err) && UNSAFE.has(method) && csrfRefresher) {
      const fresh = await csrfRefresher().catch(() => null);
      if (fresh) {
        csrfToken = fresh;
        res = await send(path, opts);
        if (res.ok) return parseBody<T>(res);
        err = errorFromResponse(res.status, res.statusText, await safeText(res), res.headers.get("Retry-After"));
      }
    }
    if (err.status === 401 && !opts.quiet401 && unauthorizedHandler) unauthorizedHandler();
    throw err;
  }
  return parseBody<T>(res);
}

async function safeText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch {
    return "";
  }
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await safeText(res);
  if (!text) return undefined as T;
  const type = res.headers.get("Content-Type") ?? "";
  if (type.includes("json") || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, { code: "bad_response", message: "Invalid JSON from server" });
    }
  }
  return text as unknown as T;
}

export const get = <T,>(path: string, query?: Query, signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T,>(path: string, json?: unknown) => api<T>(path, { method: "POST", json: json ?? {} });
export const put = <T,>(path: string, json: unknown) => api<T>(path, { method: "PUT", json });
export const patch = <T,>(path: string, json: unknown) => api<T>(path, { method: "PATCH", json });
export const del = <T,>(path: string, query?: Query) => api<T>(path, { method: "DELETE", query });

/**
 * Uploads a file as raw bytes with its own Content-Type, reporting progress (fetch cannot).
 * Resolves with the parsed JSON answer; rejects with ApiError like api().
 */
export function uploadFile<T = unknown>(path: string, file: Blob, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    xhr.onerror = () => reject(new ApiError(0, { code: NETWORK_ERROR_CODE, message: "Network error" }));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        const text = xhr.responseText;
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
      } else {
        const err = errorFromResponse(xhr.status, xhr.statusText, xhr.responseText, xhr.getResponseHeader("Retry-After"));
        if (err.status === 401 && unauthorizedHandler) unauthorizedHandler();
        reject(err);
      }
    };
    xhr.send(file);
  });
}

/** Where an asset (photo, generated image, video) can be fetched. */
export function assetUrl(id: string): string {
  return `/api/assets/${encodeURIComponent(id)}`;
}

/** Does an API error's field name point at this form field? ("fields.token" matches "token"). */
export function fieldMatches(errorField: string | undefined, name: string): boolean {
  if (!errorField) return false;
  if (errorField === name) return true;
  return errorField.endsWith(`.${name}`) || errorField.startsWith(`${name}.`) || errorField.endsWith(`[${name}]`);
}
