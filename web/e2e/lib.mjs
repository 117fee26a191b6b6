// Shared by the browser end-to-end tests: the real binary under `run` (sandbox marketplaces) and the
// sign-in steps through the dashboard's own forms.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const binary = process.env.BY_BINARY || path.join(root, "build/biznesyordam");
export const outDir = path.join(process.env.BY_TEST_OUTPUT_DIR || "/tmp/by-test-output", "e2e");
export const chromiumPath = process.env.BY_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const LIVE_TIMEOUT_MS = 180_000;
export const UI_TIMEOUT_MS = 30_000;
export const t0 = Date.now();

export const MARKETPLACES = ["wildberries", "ozon", "yandex", "uzum"];

export function log(msg) {
  console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

export class Failure extends Error {}
export function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

// --- the server -------------------------------------------------------------------------------
export function startServer(dataDir, extraEnv = {}) {
  const child = spawn(binary, ["run", "--data-dir", dataDir, "--port", "0"], {
    env: { ...process.env, BY_ARGON2_MEM_MB: "8", BY_ARGON2_OPS: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Failure(`server did not print its URL within 90 s:\n${output}\n${stderr.slice(-4000)}`)), 90_000);
    child.stdout.on("data", (d) => {
      output += d;
      const m = /BiznesYordam is running at http:\/\/localhost:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new Failure(`server exited early (code ${code}, signal ${sig}):\n${output}\n${stderr.slice(-4000)}`));
    });
  });
  return { child, ready, stderr: () => stderr, output: () => output };
}

export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

// --- UI steps -----------------------------------------------------------------------------------
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: UI_TIMEOUT_MS });
  const me = await page.request.get(`${base}/api/auth/me`);
  check(me.ok(), `GET /api/auth/me after signing in as ${email}: ${me.status()}`);
  const body = await me.json();
  check(body?.user?.email === email, `signed in as ${JSON.stringify(body?.user)} instead of ${email}`);
  log(`signed in as ${email} (${body.user.role}), landed on ${new URL(page.url()).pathname}`);
  return body;
}

export async function signOut(page) {
  // The header's sign-out button (labelled "Chiqish" in Uzbek).
  await page.getByRole("button", { name: "Chiqish" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/login"), { timeout: UI_TIMEOUT_MS });
  log("signed out");
}

// The sandbox's base URLs, as `run` prints them ("  wildberries  http://127.0.0.1:port").
export function sandboxUrls(output) {
  const urls = {};
  for (const line of output.split("\n")) {
    const m = /^  (\w+)\s+(http:\/\/\S+)/.exec(line);
    if (m) urls[m[1]] = m[2];
  }
  return urls;
}
