// Browser end to end test of a new seller's first steps, in Debian's Chromium against the real binary:
// sign up through the form; store a Wildberries token in the credentials manager, Test it (active, with
// its time), see it never shown back; a wrong token tests as failed; Delete removes it; and another
// partner's product is not found, on the page and in the API.
//
//   BY_BINARY=build/biznesyordam node web/e2e/accounts.e2e.mjs
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import {
  CHROMIUM_ARGS, Failure, UI_TIMEOUT_MS, binary, check, chromiumPath, log, outDir, sandboxUrls, signIn, startServer,
  stopServer, t0,
} from "./lib.mjs";

async function credentials(page, base) {
  const r = await page.request.get(`${base}/api/credentials`);
  check(r.ok(), `GET /api/credentials: ${r.status()}`);
  const text = await r.text();
  return { text, items: JSON.parse(text).items ?? [] };
}

// Saves the Wildberries token through the panel's form and presses Test; returns the test answer.
async function saveAndTest(page, token) {
  const panel = page.getByRole("region", { name: "Wildberries" });
  await panel.locator("#wildberries-api_token-token").fill(token);
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/credentials/wildberries") && r.request().method() === "PUT");
  await panel.getByRole("button", { name: "Saqlash" }).click();
  const sres = await saved;
  check(sres.ok(), `PUT /api/credentials/wildberries: ${sres.status()} ${await sres.text()}`);
  const tested = page.waitForResponse((r) => r.url().endsWith("/api/credentials/wildberries/test"));
  await panel.getByRole("button", { name: "Tekshirish" }).click();
  const tres = await tested;
  check(tres.ok(), `POST …/test: ${tres.status()} ${await tres.text()}`);
  return { panel, result: await tres.json() };
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  check(fs.existsSync(binary), `no binary at ${binary} (set BY_BINARY)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "by-web-accounts-"));
  const server = startServer(path.join(tmp, "data"));
  let browser;
  let page;
  try {
    const port = await server.ready;
    const base = `http://127.0.0.1:${port}`;
    const urls = sandboxUrls(server.output());
    check(urls.wildberries, `no sandbox URLs in the output:\n${server.output()}`);
    // The sandbox's second seller: its WB token is what the new partner got from Wildberries.
    const accounts = await (await fetch(`${urls.wildberries}/__sandbox/accounts`)).json();
    const token = accounts.sellers.find((s) => s.name === "seller2")?.wildberries?.token;
    check(token, `no seller2 WB token in ${JSON.stringify(accounts).slice(0, 300)}`);

    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    // Partner 1 (demo) owns a product the new partner must not see.
    const demo = await browser.newContext();
    const demoPage = await demo.newPage();
    await signIn(demoPage, base, "partner1@demo.uz", "demo-partner-123");
    const csrf = (await (await demoPage.request.get(`${base}/api/auth/me`)).json()).csrf_token;
    const own = await demoPage.request.post(`${base}/api/products`, {
      headers: { "X-CSRF-Token": csrf },
      data: { sku: "PRIVATE-1", name: "Maxfiy mahsulot", category: "phones", brand: "Acme", attributes: {},
              cost: { amount: 100000, currency: "UZS" }, price: { amount: 200000, currency: "UZS" }, stock: 3 },
    });
    check(own.status() === 201, `partner1's product: ${own.status()} ${await own.text()}`);
    const privateId = (await own.json()).id;
    await demo.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 }, locale: "uz-UZ" });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));

    // 1. Sign up through the form.
    const email = `seller-${Date.now().toString(36)}@example.uz`;
    await page.goto(`${base}/register`);
    await page.locator('input[name="company"]').fill("Yangi Savdo MChJ");
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill("yangi-parol-2026");
    const registered = page.waitForResponse((r) => r.url().endsWith("/api/auth/register"));
    await page.locator('form button[type="submit"]').click();
    const rres = await registered;
    check(rres.status() === 201, `register: ${rres.status()} ${await rres.text()}`);
    await page.waitForURL((u) => !u.pathname.startsWith("/register") && !u.pathname.startsWith("/login"));
    const me = await (await page.request.get(`${base}/api/auth/me`)).json();
    check(me.user?.email === email && me.user?.role === "partner", `signed up as ${JSON.stringify(me.user)}`);
    log(`signed up as ${email}, landed on ${new URL(page.url()).pathname}`);

    // 2. A good token: saved, tested active with its time, never shown back.
    await page.goto(`${base}/credentials`);
    const good = await saveAndTest(page, token);
    check(good.result.status === "active", `the good token tested ${JSON.stringify(good.result)}`);
    await good.panel.getByText("Faol", { exact: true }).first().waitFor();
    await good.panel.getByText("Oxirgi tekshiruv").first().waitFor();
    check((await good.panel.locator("#wildberries-api_token-token").inputValue()) === "", "the token field still holds the secret after saving");
    await page.reload();
    const html = await page.content();
    const api = await credentials(page, base);
    check(!html.includes(token) && !api.text.includes(token), "the stored token came back to the browser");
    const wb = api.items.find((i) => i.marketplace === "wildberries");
    check(wb?.status === "active" && wb?.last_verified, `GET /api/credentials: ${JSON.stringify(wb)}`);
    const hint = (wb.hint ?? "").replace(/[^A-Za-z0-9_-]/g, "");
    check(hint.length <= 4 && token.endsWith(hint), `the hint ${wb.hint} is more than the token's last 4 characters`);
    log("a good token is stored, tests active and is never shown back");

    // 3. A wrong token tests as failed.
    const bad = await saveAndTest(page, "wrong-token-0000000000");
    check(bad.result.status === "failed", `the wrong token tested ${JSON.stringify(bad.result)}`);
    await bad.panel.getByText("Xato", { exact: true }).first().waitFor();
    log("a wrong token tests failed");

    // 4. Delete removes it.
    const panel = page.getByRole("region", { name: "Wildberries" });
    await panel.getByRole("button", { name: "Oʻchirish" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const deleted = page.waitForResponse((r) => r.url().endsWith("/api/credentials/wildberries") && r.request().method() === "DELETE");
    await dialog.getByRole("button", { name: "Oʻchirish" }).click();
    check((await deleted).ok(), "DELETE /api/credentials/wildberries failed");
    check(!(await credentials(page, base)).items.some((i) => i.marketplace === "wildberries"), "the credential is still listed");
    log("deleted");

    // 5. Another partner's product: not found on the page and in the API.
    await page.goto(`${base}/products/${privateId}`);
    await page.getByText("Mahsulot topilmadi").first().waitFor();
    check(!(await page.content()).includes("Maxfiy mahsulot"), "the other partner's product name is on the page");
    const foreign = await page.request.get(`${base}/api/products/${privateId}`);
    check(foreign.status() === 404, `GET another partner's product: ${foreign.status()}`);
    log("another partner's product is not found");

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join("\n")}`);
    await page.goto(`${base}/credentials`);
    await page.screenshot({ path: path.join(outDir, "accounts-final.png"), fullPage: true });
    log(`PASS in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshot in ${outDir}`);
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(outDir, "accounts-failure.png"), fullPage: true }).catch(() => {});
    console.error(`FAIL: ${e instanceof Failure ? e.message : e?.stack || e}`);
    if (page) console.error(`  at ${page.url()}; screenshot in ${outDir}/accounts-failure.png`);
    console.error(`--- server stderr (tail) ---\n${server.stderr().slice(-3000)}`);
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server.child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
