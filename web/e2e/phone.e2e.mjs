// Issue 10, item 4, in Debian's Chromium against the real binary: every page of the partner and the admin
// on a 390 px phone (no sideways scrolling, nothing cut off the right edge), every control named for a
// screen reader (buttons, links, inputs, selects), text contrast of WCAG AA, sign-in by keyboard alone (Tab,
// type, Enter), and no browser console errors. Screenshots of each page go to the test output for people to look at.
//
//   BY_BINARY=build/biznesyordam node web/e2e/phone.e2e.mjs
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, Failure, UI_TIMEOUT_MS, binary, check, chromiumPath, log, outDir, startServer, stopServer, t0 } from "./lib.mjs";

const PHONE = { width: 390, height: 844 };
const PARTNER_PAGES = ["/", "/products", "/products/new", "/requests", "/published", "/credentials", "/orders",
  "/competitors", "/economics", "/billing", "/notifications"];
const ADMIN_PAGES = ["/", "/admin/requests", "/admin/partners", "/admin/jobs", "/admin/stats", "/admin/audit", "/admin/business"];

// Runs in the page: what a phone user or a screen reader would trip over.
function audit() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${width} px`);
  }
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || "").trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, [role=button], [role=tab], [role=combobox]")) {
    // aria-hidden: not in the accessibility tree (e.g. the native input Radix mirrors a checkbox into).
    if (!visible(el) || el.type === "hidden" || el.closest('[aria-hidden="true"]')) continue;
    // Overflow past the right edge is only a problem where the page cannot scroll it into view.
    const r = el.getBoundingClientRect();
    let scroller = el.parentElement;
    let inScroller = false;
    while (scroller && scroller !== document.body) {
      const s = getComputedStyle(scroller);
      if (/(auto|scroll)/.test(s.overflowX)) { inScroller = true; break; }
      scroller = scroller.parentElement;
    }
    if (!inScroller && r.right > width + 1) problems.push(`${describe(el)} sticks out past the right edge (${Math.round(r.right)} px)`);
    const labelledBy = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() || "").join(" ");
    const labels = el.labels ? [...el.labels].map((l) => l.textContent.trim()).join(" ") : "";
    const name = [el.getAttribute("aria-label"), labelledBy, labels, el.getAttribute("title"),
      ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) ? "" : el.textContent, el.getAttribute("alt"),
      el.querySelector("img[alt]")?.getAttribute("alt"), el.type === "submit" || el.type === "button" ? el.value : ""]
      .filter((x) => x && x.trim()).join(" ").trim();
    if (!name) problems.push(`${describe(el)} has no accessible name`);
  }
  // Text contrast (WCAG 2 AA): 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold), against the first
  // opaque background behind it. Disabled controls and placeholder-like hints inside them are exempt.
  // Any CSS colour (Tailwind 4 writes oklch) to sRGB bytes and alpha, through a 1×1 canvas.
  const ctx = Object.assign(document.createElement("canvas"), { width: 1, height: 1 }).getContext("2d", { willReadFrequently: true });
  const rgb = (c) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c[3] >= 0.99) return c;
      if (getComputedStyle(e).backgroundImage !== "none") return null;  // a gradient or picture: not judged
    }
    return [255, 255, 255];
  };
  let low = 0;
  for (const el of document.querySelectorAll("body *")) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!text || !visible(el) || el.closest("[disabled], [aria-disabled=true], [aria-hidden=true]")) continue;
    const s = getComputedStyle(el);
    const fg = rgb(s.color);
    const bg = background(el);
    if (!bg || fg[3] < 0.99) continue;
    const [a, b] = [lum(fg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) && low++ < 5) problems.push(`low contrast ${ratio.toFixed(2)}:1 for "${text.slice(0, 30)}" (${s.color} on rgb(${bg.slice(0, 3).join(", ")}))`);
  }
  for (const img of document.querySelectorAll("img")) {
    if (visible(img) && !img.hasAttribute("alt")) problems.push(`img ${img.src.slice(-40)} has no alt text`);
  }
  return problems;
}

async function visit(page, base, route, who, errors) {
  await page.goto(`${base}${route}`);
  await page.waitForLoadState("networkidle", { timeout: UI_TIMEOUT_MS });
  await page.locator("main").first().waitFor({ timeout: UI_TIMEOUT_MS });
  const problems = await page.evaluate(audit);
  const shot = path.join(outDir, `phone-${who}${route === "/" ? "-home" : route.replaceAll("/", "-")}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  if (problems.length) errors.push(`${who} ${route}:\n  ${problems.slice(0, 8).join("\n  ")}`);
  log(`${who} ${route}: ${problems.length} problem(s)`);
}

// Sign-in with the keyboard alone: focus moves from the e-mail to the password field by Tab, Enter sends.
async function keyboardSignIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').focus();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.getAttribute("name"));
  check(focused === "password", `Tab from the e-mail field went to "${focused}", not the password field`);
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: UI_TIMEOUT_MS });
  log(`signed in as ${email} by keyboard`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  check(fs.existsSync(binary), `no binary at ${binary} (set BY_BINARY)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "by-web-phone-"));
  const server = startServer(path.join(tmp, "data"), { BY_WORKERS: "0" });
  let browser;
  const consoleErrors = [];
  const problems = [];
  try {
    const port = await server.ready;
    const base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    for (const [who, email, password, pages] of [
      ["partner", "partner1@demo.uz", "demo-partner-123", PARTNER_PAGES],
      ["admin", "admin@demo.uz", "demo-admin-123", ADMIN_PAGES],
    ]) {
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${who} ${page.url()}: ${m.text()}`); });
      page.on("pageerror", (e) => consoleErrors.push(`${who} ${page.url()}: ${e.message}`));
      await keyboardSignIn(page, base, email, password);
      for (const route of pages) await visit(page, base, route, who, problems);
      await context.close();
    }
    check(problems.length === 0, `on a 390 px phone:\n${problems.join("\n")}`);
    check(consoleErrors.length === 0, `browser console errors:\n${consoleErrors.join("\n")}`);
    log(`ok: ${PARTNER_PAGES.length + ADMIN_PAGES.length} pages at 390 px, every control named, contrast AA, keyboard sign-in, no console errors (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server.child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Failure ? `FAILED: ${e.message}` : e);
  process.exit(1);
});
