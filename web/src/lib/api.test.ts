import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { translate } from "@/i18n/messages";
import {
  api,
  ApiError,
  buildUrl,
  errorFromResponse,
  fieldMatches,
  getCsrfToken,
  isApiError,
  NETWORK_ERROR_CODE,
  onUnauthorized,
  setCsrfRefresher,
  setCsrfToken,
} from "./api";
import { errorMessage } from "./errors";

type Call = { url: string; init: RequestInit };

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

let calls: Call[] = [];
let answers: (() => Response | Promise<Response>)[] = [];

beforeEach(() => {
  calls = [];
  answers = [];
  setCsrfToken(null);
  onUnauthorized(null);
  setCsrfRefresher(null);
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("unexpected fetch " + url);
    return next();
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Awaits a call that must fail and hands back its ApiError. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected the call to fail");
}

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

describe("api client: success", () => {
  it("GETs JSON with relative URLs and the query", async () => {
    answers.push(() => jsonResponse(200, { items: [1], next_cursor: null }));
    const out = await api<{ items: number[] }>("/api/products", { query: { limit: 50, cursor: null, status: "" } });
    expect(out.items).toEqual([1]);
    expect(calls[0].url).toBe("/api/products?limit=50");
    expect(calls[0].init.method).toBe("GET");
    expect(calls[0].init.credentials).toBe("same-origin");
  });

  it("sends X-CSRF-Token on state changes only", async () => {
    setCsrfToken("tok-123");
    answers.push(() => jsonResponse(200, {}));
    answers.push(() => jsonResponse(201, { id: "p1" }));
    answers.push(() => jsonResponse(200, {}));
    answers.push(() => new Response(null, { status: 204 }));
    await api("/api/products");
    await api("/api/products", { method: "POST", json: { sku: "A" } });
    await api("/api/products/p1", { method: "PATCH", json: { stock: 1 } });
    const del = await api("/api/credentials/ozon", { method: "DELETE" });
    expect(header(calls[0], "X-CSRF-Token")).toBeUndefined();
    expect(header(calls[1], "X-CSRF-Token")).toBe("tok-123");
    expect(header(calls[1], "Content-Type")).toBe("application/json");
    expect(calls[1].init.body).toBe('{"sku":"A"}');
    expect(header(calls[2], "X-CSRF-Token")).toBe("tok-123");
    expect(header(calls[3], "X-CSRF-Token")).toBe("tok-123");
    expect(del).toBeUndefined();
  });

  it("sends raw bytes with the file's own content type", async () => {
    setCsrfToken("t");
    answers.push(() => jsonResponse(201, { asset_id: "a1" }));
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" });
    const out = await api<{ asset_id: string }>("/api/products/p1/photos", { method: "POST", body: blob, contentType: blob.type });
    expect(out.asset_id).toBe("a1");
    expect(header(calls[0], "Content-Type")).toBe("image/jpeg");
    expect(calls[0].init.body).toBe(blob);
  });
});

describe("api client: errors", () => {
  it("reads the {error: {code, message, field}} envelope", async () => {
    answers.push(() => jsonResponse(422, { error: { code: "sku_taken", message: "SKU already used", field: "sku" } }));
    const err = await failure(api("/api/products", { method: "POST", json: {} }));
    expect(isApiError(err)).toBe(true);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe("sku_taken");
    expect(err.message).toBe("SKU already used");
    expect(err.field).toBe("sku");
  });

  it("copes with bodies that are not our envelope", async () => {
    answers.push(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }));
    const err = await failure(api("/api/products"));
    expect(err.status).toBe(502);
    expect(err.code).toBe("http_502");
    expect(err.message).toBe("Bad Gateway");
    expect(err.field).toBeUndefined();

    const e2 = errorFromResponse(500, "", "");
    expect(e2.code).toBe("http_500");
    expect(e2.message).toBe("HTTP 500");
    const e3 = errorFromResponse(400, "Bad Request", '{"error":{"code":"","message":""}}');
    expect(e3.code).toBe("http_400");
    expect(e3.message).toBe("Bad Request");
    const e4 = errorFromResponse(400, "", '{"error":"plain text"}');
    expect(e4.message).toBe("plain text");
  });

  it("turns a failed connection into a network error with status 0", async () => {
    answers.push(() => Promise.reject(new TypeError("Failed to fetch")));
    const err = await failure(api("/api/products"));
    expect(err.status).toBe(0);
    expect(err.code).toBe(NETWORK_ERROR_CODE);
    expect(err.isNetwork).toBe(true);
    expect(errorMessage(err, (k, v) => translate("en", k, v))).toBe(translate("en", "common.networkError"));
  });

  it("reads Retry-After on 429 and explains it", async () => {
    answers.push(() => jsonResponse(429, { error: { code: "throttled", message: "" } }, { "Retry-After": "30" }));
    const err = await failure(api("/api/auth/login", { method: "POST", json: {}, quiet401: true }));
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(30);
    expect(errorMessage(err, (k, v) => translate("en", k, v))).toBe("Too many attempts. Try again in 30 s.");
  });

  it("calls the sign-out handler on 401, except where told not to", async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    answers.push(() => jsonResponse(401, { error: { code: "unauthenticated", message: "Sign in" } }));
    answers.push(() => jsonResponse(401, { error: { code: "bad_credentials", message: "Wrong email or password" } }));
    await api("/api/products").catch(() => {});
    expect(handler).toHaveBeenCalledTimes(1);
    const err = await failure(api("/api/auth/login", { method: "POST", json: {}, quiet401: true }));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(err.message).toBe("Wrong email or password");
  });

  it("fetches a fresh CSRF token once when the server refuses ours", async () => {
    setCsrfToken("stale");
    setCsrfRefresher(async () => "fresh");
    answers.push(() => jsonResponse(403, { error: { code: "csrf_invalid", message: "Bad CSRF token" } }));
    answers.push(() => jsonResponse(200, { ok: true }));
    const out = await api<{ ok: boolean }>("/api/requests", { method: "POST", json: {} });
    expect(out.ok).toBe(true);
    expect(header(calls[0], "X-CSRF-Token")).toBe("stale");
    expect(header(calls[1], "X-CSRF-Token")).toBe("fresh");
    expect(getCsrfToken()).toBe("fresh");
  });

  it("does not retry other 403s", async () => {
    setCsrfToken("t");
    const refresher = vi.fn(async () => "x");
    setCsrfRefresher(refresher);
    answers.push(() => jsonResponse(403, { error: { code: "forbidden", message: "Admins only" } }));
    const err = await failure(api("/api/admin/jobs/1/retry", { method: "POST", json: {} }));
    expect(err.status).toBe(403);
    expect(refresher).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
  });

  it("rejects an unreadable JSON success body", async () => {
    answers.push(() => new Response("{oops", { status: 200, headers: { "Content-Type": "application/json" } }));
    const err = await failure(api("/api/products"));
    expect(err.code).toBe("bad_response");
  });
});

describe("helpers", () => {
  it("builds URLs without empty parameters", () => {
    expect(buildUrl("/api/requests", { status: "submitted", cursor: undefined, limit: 50 })).toBe("/api/requests?status=submitted&limit=50");
    expect(buildUrl("/api/requests", {})).toBe("/api/requests");
    expect(buildUrl("/api/x?a=1", { b: 2 })).toBe("/api/x?a=1&b=2");
  });

  it("matches error fields to form fields", () => {
    expect(fieldMatches("sku", "sku")).toBe(true);
    expect(fieldMatches("fields.token", "token")).toBe(true);
    expect(fieldMatches("price.amount", "price")).toBe(true);
    expect(fieldMatches("token", "shop_id")).toBe(false);
    expect(fieldMatches(undefined, "sku")).toBe(false);
  });

  it("gives the server's message, else a generic one", () => {
    const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate("uz", k, v);
    expect(errorMessage(new ApiError(400, { code: "bad", message: "Narx musbat boʻlsin" }), t)).toBe("Narx musbat boʻlsin");
    expect(errorMessage(new ApiError(500, { code: "http_500", message: "HTTP 500" }), t)).toBe(translate("uz", "common.serverError"));
    expect(errorMessage(new ApiError(404, { code: "http_404", message: "File not found" }), t)).toBe(translate("uz", "common.serverError"));
    expect(errorMessage(new ApiError(500, { code: "internal", message: "internal error" }), t)).toBe("internal error");
    expect(errorMessage(new Error("boom"), t)).toBe(translate("uz", "common.unknownError"));
  });
});
