#!/usr/bin/env node
// A stand-in for the BiznesYordam API (shared/design/API.md) with seeded demo data, for working on
// the dashboard without the C++ backend and for looking at it in a browser. It serves web/dist
// with the same Content-Security-Policy the real server sends, so CSP mistakes show up here too.
//
//   npm run build && npm run mock      # http://127.0.0.1:5180
//   partner1@demo.uz / demo-partner-123   admin@demo.uz / demo-admin-123
//
// Not used in production and not part of the tests. No dependencies beyond Node itself.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { deflateSync } from "node:zlib";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const PORT = Number(process.env.MOCK_PORT ?? 5180);
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// ---- tiny PNG maker (seeded pictures) -------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(w, h, [r1, g1, b1], [r2, g2, b2], shape = 0) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const t = (x + y) / (w + h);
      const dx = x - w / 2, dy = y - h / 2;
      const inside = shape === 0 ? dx * dx + dy * dy < (w / 4) ** 2 : Math.abs(dx) < w / 5 && Math.abs(dy) < h / 4;
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = inside ? 255 - r1 / 3 : r1 + (r2 - r1) * t;
      raw[o + 1] = inside ? 255 - g1 / 3 : g1 + (g2 - g1) * t;
      raw[o + 2] = inside ? 255 - b1 / 3 : b1 + (b2 - b1) * t;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

// ---- data -------------------------------------------------------------------------------------
const id = (p) => `${p}_${randomBytes(8).toString("hex")}`;
const now = () => new Date().toISOString();
const ago = (min) => new Date(Date.now() - min * 60_000).toISOString();

const assets = new Map(); // id → {mime, bytes, partner}
function addAsset(bytes, mime, partner) {
  const a = id("ast");
  assets.set(a, { mime, bytes, partner });
  return a;
}

const partners = [
  { id: "prt_demo1", company: "Toshkent Savdo MChJ", tier: "business", status: "active", created_at: ago(60 * 24 * 40) },
  { id: "prt_demo2", company: "Samarqand Electronics", tier: "starter", status: "active", created_at: ago(60 * 24 * 12) },
  { id: "prt_demo3", company: "Buxoro Textile", tier: "professional", status: "suspended", created_at: ago(60 * 24 * 3) },
];
const users = [
  { id: "usr_admin", email: "admin@demo.uz", password: "demo-admin-123", role: "admin", partner_id: null },
  { id: "usr_p1", email: "partner1@demo.uz", password: "demo-partner-123", role: "partner", partner_id: "prt_demo1" },
  { id: "usr_p2", email: "partner2@demo.uz", password: "demo-partner-123", role: "partner", partner_id: "prt_demo2" },
];
const sessions = new Map(); // sid → {user, csrf}

const palette = [
  [[79, 70, 229], [236, 72, 153]],
  [[16, 185, 129], [59, 130, 246]],
  [[245, 158, 11], [239, 68, 68]],
  [[100, 116, 139], [15, 23, 42]],
];
const photo = (i, partner) => addAsset(png(240, 320, ...palette[i % 4], i % 2), "image/png", partner);

const products = [
  {
    id: "prd_headph1", partner_id: "prt_demo1", sku: "JBL-T520-BLK", name: "JBL Tune 520BT simsiz quloqchinlari", category: "headphones", brand: "JBL",
    description: "Yengil, 57 soat ishlaydi, tez quvvatlanadi.", attributes: { color: "qora", battery_hours: 57, connection: "Bluetooth 5.3", weight_g: 157 },
    cost: { amount: 38_000_000, currency: "UZS" }, price: { amount: 54_900_000, currency: "UZS" }, stock: 42, barcode: "6925281995880",
    photos: [photo(0, "prt_demo1"), photo(1, "prt_demo1")], created_at: ago(60 * 26), updated_at: ago(60 * 2),
  },
  {
    id: "prd_phone01", partner_id: "prt_demo1", sku: "SM-A556-8-256", name: "Samsung Galaxy A55 8/256 GB", category: "phones", brand: "Samsung",
    description: "", attributes: { storage_gb: 256, ram_gb: 8, color: "ko‘k" }, cost: { amount: 410_000_000, currency: "UZS" },
    price: { amount: 489_900_000, currency: "UZS" }, stock: 7, barcode: "", photos: [photo(2, "prt_demo1")], created_at: ago(60 * 5), updated_at: ago(60 * 5),
  },
  {
    id: "prd_kettle1", partner_id: "prt_demo1", sku: "XI-KETTLE-2", name: "Xiaomi Electric Kettle 2 elektr choynagi", category: "kitchen_appliances", brand: "Xiaomi",
    description: "1,7 L, 1800 W.", attributes: { volume_l: 1.7, power_w: 1800 }, cost: { amount: 21_000_000, currency: "UZS" },
    price: { amount: 29_900_050, currency: "UZS" }, stock: 0, barcode: "", photos: [], created_at: ago(30), updated_at: ago(30),
  },
];

const STAGES = ["research", "strategy", "content", "images", "video", "quality", "publish", "moderation"];
function stagesUpTo(doneCount, running, failedAt = -1, startMin = 30) {
  return STAGES.map((stage, i) => {
    const started = ago(startMin - i * 0.4);
    if (i === failedAt) return { stage, status: "failed", started_at: started, finished_at: ago(startMin - i * 0.4 - 0.2), error: "Wildberries: 400 — characteristic «Цвет» must be from the dictionary" };
    if (i < doneCount) return { stage, status: "done", started_at: started, finished_at: ago(startMin - i * 0.4 - 0.3) };
    if (i === doneCount && running) return { stage, status: "running", started_at: ago(0.2), finished_at: null, progress: 40 };
    return { stage, status: "pending", started_at: null, finished_at: null };
  });
}

const cardImages = () => [0, 1, 2, 3].map((i) => addAsset(png(300, 400, ...palette[(i + 1) % 4], i % 2), "image/png", "prt_demo1"));
function content(mp) {
  const ru = {
    title: "Наушники беспроводные JBL Tune 520BT, Bluetooth 5.3, 57 ч, чёрные",
    description: "Лёгкие накладные наушники JBL Tune 520BT с фирменным звуком JBL Pure Bass. До 57 часов работы от одного заряда, 5 минут зарядки — ещё 3 часа музыки.",
    bullets: ["До 57 часов работы", "Быстрая зарядка: 5 минут = 3 часа", "Bluetooth 5.3 и мультиподключение"],
    characteristics: [{ name: "Цвет", value: "чёрный" }, { name: "Тип подключения", value: "Bluetooth 5.3" }, { name: "Вес, г", value: 157 }, { name: "Время работы, ч", value: 57 }],
    keywords: ["наушники беспроводные", "jbl", "bluetooth наушники", "накладные наушники"],
  };
  const uz = {
    title: "JBL Tune 520BT simsiz quloqchinlari, Bluetooth 5.3, 57 soat, qora",
    description: "JBL Pure Bass ovozli yengil quloqchinlar. Bir marta quvvatlashda 57 soatgacha ishlaydi.",
    bullets: ["57 soatgacha ishlaydi", "Tez quvvatlash: 5 daqiqa = 3 soat", "Bluetooth 5.3"],
    characteristics: { color: "qora", connection: "Bluetooth 5.3", weight_g: 157, battery_hours: 57 },
    keywords: ["simsiz quloqchin", "jbl", "bluetooth quloqchin"],
  };
  return mp === "uzum" || mp === "yandex" ? { ...ru, texts: { ru, uz } } : ru;
}

const cards = new Map();
function makeCard(requestId, productId, mp, status, stages, extra = {}) {
  const c = {
    id: id("crd"), request_id: requestId, product_id: productId, partner_id: "prt_demo1", marketplace: mp, status, stages,
    marketplace_ref: status === "live" ? `${mp.toUpperCase().slice(0, 2)}-${Math.floor(Math.random() * 9e7 + 1e7)}` : "",
    error: null, content: {}, images: [], video: null, quality: {}, moderation: null, ...extra,
  };
  cards.set(c.id, c);
  return c;
}

const requests = [];
function addRequest(r) {
  requests.unshift(r);
  return r;
}
{
  const r = addRequest({ id: "req_done0001", partner_id: "prt_demo1", product_id: "prd_headph1", marketplaces: ["uzum", "wildberries", "yandex", "ozon"], priority: "high", status: "done", reason: "", created_at: ago(60 * 25), updated_at: ago(60 * 24) });
  const imgs = cardImages();
  r.cardIds = r.marketplaces.map((mp, i) =>
    makeCard(r.id, r.product_id, mp, i === 3 ? "moderation" : "live", stagesUpTo(8, false, -1, 60 * 25), {
      content: content(mp), images: imgs, quality: { score: [92, 78, 88, 64][i], issues: i === 1 ? [{ severity: "warn", message: "Title is 61 characters; WB shows the first 60", field: "title" }] : i === 3 ? [{ severity: "block", message: "Description repeats the keyword «наушники» 9 times", field: "description" }, "Add the warranty period"] : [] },
      moderation: i === 3 ? { status: "moderation", reasons: [] } : { status: "live" },
    }).id,
  );
}
{
  const r = addRequest({ id: "req_proc0002", partner_id: "prt_demo1", product_id: "prd_phone01", marketplaces: ["uzum", "wildberries", "ozon"], priority: "normal", status: "processing", reason: "", created_at: ago(6), updated_at: ago(1) });
  r.cardIds = [
    makeCard(r.id, r.product_id, "uzum", "generating", stagesUpTo(3, true, -1, 5)).id,
    makeCard(r.id, r.product_id, "wildberries", "failed", stagesUpTo(6, false, 6, 5), { error: "Publishing failed after 5 attempts" }).id,
    makeCard(r.id, r.product_id, "ozon", "generating", stagesUpTo(5, true, -1, 5)).id,
  ];
}
addRequest({ id: "req_subm0003", partner_id: "prt_demo1", product_id: "prd_kettle1", marketplaces: ["uzum", "yandex"], priority: "normal", status: "submitted", reason: "", created_at: ago(12), updated_at: ago(12), cardIds: [] });
addRequest({ id: "req_rej00004", partner_id: "prt_demo1", product_id: "prd_kettle1", marketplaces: ["wildberries"], priority: "low", status: "rejected", reason: "Rasmlar sifati past: mahsulot koʻrinmaydi. Iltimos, yorugʻroq rasm yuklang.", created_at: ago(60 * 50), updated_at: ago(60 * 49), cardIds: [] });
addRequest({ id: "req_subm0005", partner_id: "prt_demo2", product_id: "prd_other01", marketplaces: ["wildberries", "ozon", "yandex"], priority: "normal", status: "submitted", reason: "", created_at: ago(3), updated_at: ago(3), cardIds: [] });
products.push({ id: "prd_other01", partner_id: "prt_demo2", sku: "RD-NOTE13", name: "Redmi Note 13 6/128", category: "phones", brand: "Xiaomi", description: "", attributes: {}, cost: { amount: 190_000_000, currency: "UZS" }, price: { amount: 229_000_000, currency: "UZS" }, stock: 15, barcode: "", photos: [], created_at: ago(10), updated_at: ago(10) });

const credentials = [
  { partner_id: "prt_demo1", marketplace: "wildberries", kind: "api_token", status: "active", last_verified: ago(90), last_error: null, hint: "x9Qe" },
  { partner_id: "prt_demo1", marketplace: "uzum", kind: "cabinet_login", status: "active", last_verified: ago(60 * 30), last_error: null, hint: "k@uz" },
  { partner_id: "prt_demo1", marketplace: "ozon", kind: "client_key", status: "failed", last_verified: ago(60 * 3), last_error: "401 Unauthorized: Client-Id and Api-Key do not match", hint: "7f21" },
];

const audit = [];
function log(actor, action, target, details = {}, partner_id = null) {
  audit.unshift({ id: id("aud"), ts: now(), actor, partner_id, action, target, details, ip: "127.0.0.1" });
}
log("usr_p1", "login", "partner1@demo.uz", {}, "prt_demo1");
log("usr_admin", "request_approved", "req_proc0002", { priority: "normal" }, "prt_demo1");
log("wrk_03", "credential_decrypted", "wildberries", { key_version: 1, purpose: "publish", job_id: "job_7781" }, "prt_demo1");

const deadLetters = [
  { id: "job_dead01", stage: "publish", marketplace: "wildberries", partner_id: "prt_demo1", request_id: "req_proc0002", reason: "lease_expired", attempts: 5, failed_at: ago(2) },
  { id: "job_dead02", stage: "images", marketplace: "ozon", partner_id: "prt_demo2", request_id: null, reason: "image decoder: truncated JPEG", attempts: 3, failed_at: ago(140) },
];

// Progress moves on by itself for "processing" requests.
setInterval(() => {
  for (const r of requests) {
    if (r.status !== "processing") continue;
    let allDone = true;
    for (const cid of r.cardIds) {
      const c = cards.get(cid);
      const running = c.stages.findIndex((s) => s.status === "running");
      if (running >= 0) {
        const s = c.stages[running];
        s.progress = (s.progress ?? 0) + 30;
        if (s.progress >= 100) {
          Object.assign(s, { status: "done", finished_at: now() });
          delete s.progress;
          const next = c.stages[running + 1];
          if (next) Object.assign(next, { status: "running", started_at: now(), progress: 0 });
          else c.status = "live";
        }
      }
      if (c.status !== "live" && c.status !== "failed") allDone = false;
      if (c.stages.every((s) => s.status === "done")) {
        c.status = "live";
        c.content = content(c.marketplace);
        c.images = cardImages();
        c.quality = { score: 85, issues: [] };
      }
    }
    r.updated_at = now();
    if (allDone) r.status = "done";
    for (const fn of sseClients.get(r.id) ?? []) fn();
  }
}, 1500);
const sseClients = new Map();

// ---- views -------------------------------------------------------------------------------------
const productJson = (p) => {
  const { partner_id: _p, ...rest } = p;
  return rest;
};
function cardSummary(c) {
  const done = c.stages.filter((s) => s.status === "done").length;
  return { id: c.id, marketplace: c.marketplace, status: c.status, stages: c.stages, progress: c.status === "live" ? 100 : Math.floor((done * 100) / c.stages.length), error: c.error, marketplace_ref: c.marketplace_ref };
}
function requestJson(r, withProduct = false) {
  const cs = (r.cardIds ?? []).map((cid) => cardSummary(cards.get(cid)));
  const { cardIds: _c, ...rest } = r;
  const out = { ...rest, decided_by: null, cards: cs, progress: cs.length ? Math.floor(cs.reduce((s, c) => s + c.progress, 0) / cs.length) : r.status === "done" ? 100 : 0 };
  if (withProduct) {
    const p = products.find((x) => x.id === r.product_id);
    if (p) out.product = productJson(p);
  }
  return out;
}
function page(list, url) {
  const limit = Math.min(200, Number(url.searchParams.get("limit") ?? 50));
  const start = Number(url.searchParams.get("cursor") ?? 0);
  const items = list.slice(start, start + limit);
  return { items, next_cursor: start + limit < list.length ? String(start + limit) : null };
}

// ---- http --------------------------------------------------------------------------------------
function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Security-Policy": CSP, ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}
const fail = (res, status, code, message, field) => send(res, status, { error: { code, message, ...(field ? { field } : {}) } });

async function readBody(req) {
  const parts = [];
  for await (const c of req) parts.push(c);
  return Buffer.concat(parts);
}
function cookie(req, name) {
  const m = (req.headers.cookie ?? "").match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return m ? m[1] : null;
}

const MIME = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon" };
async function serveStatic(req, res, path) {
  let file = normalize(join(DIST, decodeURIComponent(path)));
  if (!file.startsWith(DIST)) return fail(res, 404, "not_found", "not found");
  try {
    if (!(await stat(file)).isFile()) throw new Error("dir");
  } catch {
    file = join(DIST, "index.html");
  }
  try {
    const bytes = await readFile(file);
    res.writeHead(200, {
      "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": file.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(bytes);
  } catch {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("web/dist is missing: run `npm run build` first");
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const path = url.pathname;
  const method = req.method;
  if (!path.startsWith("/api/")) {
    if (path === "/healthz") return send(res, 200, { status: "ok" });
    return serveStatic(req, res, path === "/" ? "/index.html" : path);
  }
  await new Promise((r) => setTimeout(r, 120)); // a little latency, so loading states show

  const sid = cookie(req, "by_session");
  const session = sid ? sessions.get(sid) : null;
  const user = session?.user;
  const json = async () => {
    const b = await readBody(req);
    try {
      return b.length ? JSON.parse(b.toString("utf8")) : {};
    } catch {
      return null;
    }
  };

  if (path === "/api/auth/login" && method === "POST") {
    const b = await json();
    const u = users.find((x) => x.email === b?.email && x.password === b?.password);
    if (!u) return fail(res, 401, "unauthenticated", "Elektron pochta yoki parol notoʻgʻri");
    const newSid = randomBytes(16).toString("hex");
    const csrf = randomBytes(16).toString("hex");
    sessions.set(newSid, { user: u, csrf });
    log(u.id, "login", u.email, {}, u.partner_id);
    const { password: _p, ...pub } = u;
    return send(res, 200, { user: pub, csrf_token: csrf }, { "Set-Cookie": `by_session=${newSid}; Path=/; HttpOnly; SameSite=Lax` });
  }
  if (path === "/api/auth/register" && method === "POST") {
    const b = await json();
    if (!b?.company) return fail(res, 422, "unprocessable", "company is required", "company");
    if (users.some((u) => u.email === b.email)) return fail(res, 409, "conflict", "Bu elektron pochta allaqachon roʻyxatdan oʻtgan", "email");
    const partner = { id: id("prt"), company: b.company, tier: "starter", status: "active", created_at: now() };
    partners.push(partner);
    const u = { id: id("usr"), email: b.email, password: b.password, role: "partner", partner_id: partner.id };
    users.push(u);
    return send(res, 201, { user: { id: u.id, email: u.email, role: u.role, partner_id: u.partner_id }, partner });
  }
  if (!user) return fail(res, 401, "unauthenticated", "sign in first");
  if (method !== "GET" && req.headers["x-csrf-token"] !== session.csrf) return fail(res, 403, "forbidden", "missing or wrong X-CSRF-Token");
  const pid = user.partner_id;
  const admin = user.role === "admin";
  const pub = { id: user.id, email: user.email, role: user.role, partner_id: user.partner_id };
  let m;

  if (path === "/api/auth/me") return send(res, 200, { user: pub, csrf_token: session.csrf, partner: partners.find((p) => p.id === pid) ?? undefined });
  if (path === "/api/auth/logout") {
    sessions.delete(sid);
    return send(res, 200, { ok: true }, { "Set-Cookie": "by_session=; Path=/; Max-Age=0" });
  }

  // credentials
  if (path === "/api/credentials" && method === "GET") {
    return send(res, 200, { items: credentials.filter((c) => c.partner_id === pid).map(({ partner_id: _p, ...c }) => c) });
  }
  if ((m = path.match(/^\/api\/credentials\/(uzum|wildberries|yandex|ozon)(\/test)?$/))) {
    const mp = m[1];
    if (m[2] && method === "POST") {
      const b = await json();
      const c = credentials.find((x) => x.partner_id === pid && x.marketplace === mp && (!b?.kind || x.kind === b.kind));
      if (!c) return fail(res, 404, "not_found", "no credential stored for this marketplace");
      const ok = !(c.hint ?? "").startsWith("0");
      Object.assign(c, { status: ok ? "active" : "failed", last_verified: now(), last_error: ok ? null : "401 Unauthorized" });
      return send(res, 200, { status: c.status, message: ok ? "Sandbox: the token works (shop found)" : "Sandbox: 401 Unauthorized" });
    }
    if (method === "PUT") {
      const b = await json();
      const fields = b?.fields ?? {};
      const first = Object.entries(fields).find(([, v]) => typeof v === "string" && v.length < 4);
      if (first) return fail(res, 422, "unprocessable", `${first[0]} looks too short`, `fields.${first[0]}`);
      const secret = fields.token ?? fields.api_key ?? fields.password ?? "";
      const rest = credentials.filter((x) => !(x.partner_id === pid && x.marketplace === mp && x.kind === b.kind));
      credentials.length = 0;
      credentials.push(...rest, { partner_id: pid, marketplace: mp, kind: b.kind, status: "untested", last_verified: null, last_error: null, hint: secret.slice(-4) });
      return send(res, 200, { marketplace: mp, kind: b.kind, status: "untested" });
    }
    if (method === "DELETE") {
      const kind = url.searchParams.get("kind");
      const rest = credentials.filter((x) => !(x.partner_id === pid && x.marketplace === mp && (!kind || x.kind === kind)));
      credentials.length = 0;
      credentials.push(...rest);
      return send(res, 200, { ok: true });
    }
  }

  // products
  if (path === "/api/products" && method === "GET") {
    if (admin) return fail(res, 403, "forbidden", "this action is for partner accounts");
    return send(res, 200, page(products.filter((p) => p.partner_id === pid).map(productJson), url));
  }
  if (path === "/api/products" && method === "POST") {
    const b = await json();
    for (const f of ["sku", "name", "category", "brand"]) if (!b?.[f]) return fail(res, 422, "unprocessable", `${f} is required`, f);
    if (products.some((p) => p.partner_id === pid && p.sku === b.sku)) return fail(res, 409, "conflict", "Bu SKU allaqachon bor", "sku");
    const p = { id: id("prd"), partner_id: pid, description: "", barcode: "", attributes: {}, ...b, photos: [], created_at: now(), updated_at: now() };
    products.unshift(p);
    return send(res, 201, productJson(p));
  }
  if ((m = path.match(/^\/api\/products\/([^/]+)(\/photos)?$/))) {
    const p = products.find((x) => x.id === m[1] && x.partner_id === pid);
    if (!p) return fail(res, 404, "not_found", "product not found");
    if (m[2] && method === "POST") {
      const bytes = await readBody(req);
      const type = req.headers["content-type"];
      if (!["image/jpeg", "image/png", "image/webp"].includes(type)) return fail(res, 415, "unsupported_media_type", "the file is not a JPEG, PNG or WebP image");
      if (p.photos.length >= 15) return fail(res, 409, "conflict", "a product has at most 15 photos");
      const a = addAsset(bytes, type, pid);
      p.photos.push(a);
      return send(res, 201, { asset_id: a, mime: type });
    }
    if (method === "GET") return send(res, 200, productJson(p));
    if (method === "PATCH") {
      const b = await json();
      if (b.price && !(Number.isInteger(b.price.amount) && b.price.amount >= 0)) return fail(res, 400, "invalid_input", "price.amount must be an integer in minor units", "price.amount");
      if (b.stock !== undefined && !(Number.isInteger(b.stock) && b.stock >= 0)) return fail(res, 422, "unprocessable", "stock must be between 0 and 10000000", "stock");
      Object.assign(p, b, { updated_at: now() });
      return send(res, 200, productJson(p));
    }
  }
  if ((m = path.match(/^\/api\/assets\/([^/]+)$/))) {
    const a = assets.get(m[1]);
    if (!a || (!admin && a.partner !== pid)) return fail(res, 404, "not_found", "asset not found");
    res.writeHead(200, { "Content-Type": a.mime, "Content-Security-Policy": CSP });
    return res.end(a.bytes);
  }

  // requests
  if (path === "/api/requests" && method === "GET") {
    const status = url.searchParams.get("status");
    const list = requests.filter((r) => (admin || r.partner_id === pid) && (!status || r.status === status));
    return send(res, 200, page(list.map((r) => requestJson(r)), url));
  }
  if (path === "/api/requests" && method === "POST") {
    const b = await json();
    if (!Array.isArray(b?.marketplaces) || b.marketplaces.length === 0) return fail(res, 422, "unprocessable", "choose at least one marketplace", "marketplaces");
    const r = addRequest({ id: id("req"), partner_id: pid, product_id: b.product_id, marketplaces: b.marketplaces, priority: "normal", status: "submitted", reason: "", created_at: now(), updated_at: now(), cardIds: [] });
    log(user.id, "request_submitted", r.id, {}, pid);
    return send(res, 201, requestJson(r));
  }
  if ((m = path.match(/^\/api\/requests\/([^/]+)(\/(approve|reject|events))?$/))) {
    const r = requests.find((x) => x.id === m[1] && (admin || x.partner_id === pid));
    if (!r) return fail(res, 404, "not_found", "request not found");
    const action = m[3];
    if (!action && method === "GET") return send(res, 200, requestJson(r, true));
    if (action === "events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      let seq = 0;
      const push = () => res.write(`id: ${++seq}\nevent: progress\ndata: ${JSON.stringify({ request_id: r.id, status: r.status })}\n\n`);
      res.write(": connected\n\n");
      const set = sseClients.get(r.id) ?? new Set();
      set.add(push);
      sseClients.set(r.id, set);
      req.on("close", () => set.delete(push));
      return;
    }
    if (!admin) return fail(res, 403, "forbidden", "admins only");
    if (r.status !== "submitted") return fail(res, 409, "conflict", "the request was already decided");
    const b = await json();
    if (action === "approve") {
      r.status = "processing";
      r.priority = b?.priority ?? r.priority;
      r.cardIds = r.marketplaces.map((mp) => makeCard(r.id, r.product_id, mp, "generating", stagesUpTo(0, true, -1, 0)).id);
      log(user.id, "request_approved", r.id, { priority: r.priority }, r.partner_id);
      return send(res, 200, requestJson(r));
    }
    if (!b?.reason) return fail(res, 422, "unprocessable", "reason is required", "reason");
    r.status = "rejected";
    r.reason = b.reason;
    log(user.id, "request_rejected", r.id, { reason: b.reason }, r.partner_id);
    return send(res, 200, requestJson(r));
  }
  if ((m = path.match(/^\/api\/cards\/([^/]+)(\/republish)?$/))) {
    const c = cards.get(m[1]);
    if (!c || (!admin && c.partner_id !== pid)) return fail(res, 404, "not_found", "card not found");
    if (m[2]) {
      c.status = "publishing";
      return send(res, 200, { ok: true });
    }
    const { partner_id: _p, ...rest } = c;
    return send(res, 200, { ...cardSummary(c), ...rest });
  }

  // admin
  if (path.startsWith("/api/admin/") && !admin) return fail(res, 403, "forbidden", "admins only");
  if (path === "/api/admin/partners") return send(res, 200, page(partners, url));
  if ((m = path.match(/^\/api\/admin\/partners\/([^/]+)$/)) && method === "PATCH") {
    const p = partners.find((x) => x.id === m[1]);
    if (!p) return fail(res, 404, "not_found", "partner not found");
    const b = await json();
    Object.assign(p, b);
    log(user.id, "partner_updated", p.id, b, p.id);
    return send(res, 200, p);
  }
  if (path === "/api/admin/queue") {
    return send(res, 200, {
      depth: [
        { priority: "urgent", marketplace: "uzum", depth: 2, oldest_age_s: 14 },
        { priority: "high", marketplace: "wildberries", depth: 11, oldest_age_s: 95 },
        { priority: "high", marketplace: "ozon", depth: 4, oldest_age_s: 40 },
        { priority: "normal", marketplace: "uzum", depth: 23, oldest_age_s: 310 },
        { priority: "normal", marketplace: "yandex", depth: 17, oldest_age_s: 205 },
        { priority: "low", marketplace: "wildberries", depth: 6, oldest_age_s: 900 },
      ],
      in_flight: 37,
      workers_alive: 100,
      dead_letters: deadLetters,
    });
  }
  if ((m = path.match(/^\/api\/admin\/jobs\/([^/]+)\/retry$/)) && method === "POST") {
    const i = deadLetters.findIndex((j) => j.id === m[1]);
    if (i < 0) return fail(res, 404, "not_found", "job not found");
    deadLetters.splice(i, 1);
    return send(res, 200, { ok: true });
  }
  if (path === "/api/admin/stats") {
    const days = Array.from({ length: 14 }, (_, i) => {
      const d = new Date(Date.now() - (13 - i) * 86_400_000).toISOString().slice(0, 10);
      return { date: d, count: Math.round(300 + 900 * Math.abs(Math.sin(i / 2.3))), failed: Math.round(10 + 25 * Math.abs(Math.cos(i))) };
    });
    return send(res, 200, {
      cards_per_day: days,
      success_rate: 0.964,
      p50_ms: 142_000,
      p95_ms: 171_500,
      per_marketplace: {
        uzum: { cards: 3120, success_rate: 0.951, p50_ms: 160_000, p95_ms: 190_000, errors: 153 },
        wildberries: { cards: 3305, success_rate: 0.972, p50_ms: 121_000, p95_ms: 150_000, errors: 93 },
        yandex: { cards: 2890, success_rate: 0.968, p50_ms: 133_000, p95_ms: 166_000, errors: 92 },
        ozon: { cards: 2950, success_rate: 0.965, p50_ms: 139_000, p95_ms: 171_000, errors: 103 },
      },
    });
  }
  if (path === "/api/admin/audit") return send(res, 200, page(audit, url));

  return fail(res, 404, "not_found", "no such route");
});

server.listen(PORT, "127.0.0.1", () => {
  console.log(`BiznesYordam mock API + dashboard on http://127.0.0.1:${PORT}`);
  console.log("  partner1@demo.uz / demo-partner-123   admin@demo.uz / demo-admin-123");
});
