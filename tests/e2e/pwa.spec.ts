import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "../fixtures";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../helpers/chromium";
import { SignUpPage } from "../pages/auth-pages";
import { DashboardPage } from "../pages/dashboard-page";

/** Installable PWA: manifest, icons, service worker, offline page, update prompt, and what is cached. */

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function controlledByServiceWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  // clients.claim() takes the documents that exist when the worker activates. A document whose
  // navigation began before that (a sign-up redirect racing the activation, seen in CI) picks its
  // controller when its request is made and stays uncontrolled until its next load, in every browser.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  // `ready` resolves once a worker is activating; it claims open pages when activation finishes,
  // which on a loaded CI machine (precaching ~30 files) can take longer than the default 5 s.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { message: "service worker controls the page", timeout: 30_000 })
    .toBe(true);
}

async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test("the manifest names the app, its start URL, shortcuts, and icons that are the sizes they claim", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({ id: "/", name: "Parley", short_name: "Parley", display: "standalone", scope: "/", lang: "en" });
  expect(manifest.start_url).toMatch(/^\/dashboard/);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.shortcuts.map((s: { name: string; url: string }) => [s.name, s.url])).toEqual([
    ["New meeting", "/dashboard#new-meeting"],
    ["Join", "/#join"],
  ]);

  const icons: Array<{ src: string; sizes: string; type: string; purpose?: string }> = [
    ...manifest.icons,
    ...manifest.shortcuts.flatMap((s: { icons: unknown[] }) => s.icons),
  ];
  for (const icon of icons.filter((i) => i.type === "image/png")) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    const [w, h] = icon.sizes.split("x").map(Number);
    expect(pngSize(await file.body()), icon.src).toEqual({ width: w, height: h });
  }
  const purposes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(purposes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable"]));

  // The same manifest in Chinese for a Chinese browser.
  const zh = await (await request.get("/manifest.webmanifest", { headers: { "accept-language": "zh-CN,zh;q=0.9" } })).json();
  expect(zh.lang).toBe("zh-CN");
  expect(zh.shortcuts[0].name).toBe("新建会议");
});

test("Chromium finds Parley installable once the service worker controls the page", async ({ baseURL }) => {
  // A normal profile: Chromium never offers to install from an incognito one (Playwright's default).
  const profile = mkdtempSync(path.join(tmpdir(), "parley-pwa-"));
  // Chromium waits for some engagement (clicks, 30 s on the page) before it offers to install; skip that wait.
  const args = [...CHROMIUM_ARGS, "--bypass-app-banner-engagement-checks"];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args, baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await controlledByServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const { errors, url } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
    expect(url).toMatch(/\/manifest\.webmanifest$/);
    // Chromium then offers to install (on this load or the next), and our button carries the offer.
    await page.reload();
    await expect(page.getByRole("button", { name: "Install app" })).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("offline, a page falls back to the offline page with the upcoming meetings saved on the last visit; nothing personal is cached", async ({ newPerson }) => {
  // An account of its own: this test signs out, which ends the session everywhere it is used.
  const context: BrowserContext = await newPerson();
  const page = await context.newPage();
  await new SignUpPage(page).signUp({ name: "Offline Olga", email: `offline.${Date.now()}@parley.test`, password: "correct horse battery" });
  const title = `Offline review ${Date.now().toString(36)}`;
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await new DashboardPage(page).scheduleMeeting(title, local);
  await controlledByServiceWorker(page);
  // Personal data through the service worker: an API call and a page load.
  expect(await page.evaluate(() => fetch("/api/meetings").then((r) => r.status))).toBeLessThan(500);
  await page.reload();
  await expect(page.getByTestId("upcoming-meetings").getByText(title)).toBeVisible();

  await context.setOffline(true);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  await expect(page.getByTestId("offline-meetings").getByText(title)).toBeVisible();
  await page.goto("/m/abc-defg-hij");
  await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  await context.setOffline(false);

  const cached = await cachedPaths(page);
  expect(cached).toContain("/offline");
  expect(cached.some((p) => p.startsWith("/_next/static/"))).toBe(true);
  // Only the shell: hashed build files, icons, the manifest and the offline page. No API, no page with a name on it.
  expect(cached.filter((p) => !p.startsWith("/_next/static/") && !p.startsWith("/icons/") && p !== "/offline" && p !== "/manifest.webmanifest")).toEqual([]);

  // Signing out forgets the saved meetings.
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(() => localStorage.getItem("parley.upcoming.v1"))).toBeNull();
});

test("a new version of the service worker waits, and the page offers to reload into it", async ({ page }) => {
  await page.goto("/");
  await controlledByServiceWorker(page);
  // A new deployment, as the browser sees one: a different worker script for the same scope
  // installs and then waits, because ours never skips waiting on its own.
  await page.evaluate(() => navigator.serviceWorker.register("/serwist/sw.js?deployment=next", { scope: "/" }));
  const banner = page.getByTestId("update-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("A new version of Parley is available.");
  const reloaded = page.waitForEvent("load");
  await banner.getByRole("button", { name: "Reload" }).click();
  await reloaded;
  await controlledByServiceWorker(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toMatch(/deployment=next$/);
  await expect(page.getByTestId("update-banner")).toHaveCount(0);
});
