import type { BrowserContext, Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Markup typed by people (guest names, meeting titles, chat) is shown as the text they typed, in
 * every browser that sees it, and never runs: no script sets `window.__xss`, no dialog opens, and
 * no element with an event-handler attribute reaches the DOM. React escapes text; the nonce-based
 * CSP (proxy.ts) is the second wall, and no page may trip it either.
 */

const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `"><svg onload=window.__xss=1>`,
  `javascript:alert(1)`,
] as const;

// Within the limits: titles ≤ 120 characters, display names ≤ 64.
const TITLE = `${PAYLOADS[1]}${PAYLOADS[0]} ${PAYLOADS[3]}`;
const GUEST_NAME = `${PAYLOADS[2]}<img src=x onerror=window.__xss=1>`;

declare global {
  interface Window {
    __xss?: unknown;
    __cspViolations?: string[];
  }
}

/** Records dialogs (alert, confirm…) and CSP violations on every page of the context. */
async function watch(context: BrowserContext) {
  const dialogs: string[] = [];
  context.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return dialogs;
}

async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await page.locator("[onerror], [onload], [onclick], [onmouseover]").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i], iframe[src^="javascript:" i]').count()).toBe(0);
  // (Next.js's own inline data scripts do contain the payloads, JSON-escaped; a script *made of* one may not exist.)
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? "").trim()));
  expect(scripts.filter((text) => text === "window.__xss=1")).toEqual([]);
  expect(await page.locator("svg[onload], img[src='x']").count()).toBe(0);
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
}

test("markup in guest names, meeting titles and chat stays text for everyone", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostDialogs = await watch(hostContext);
  const hostPage = await hostContext.newPage();

  const created = await hostPage.request.post("/api/meetings", { data: { title: TITLE } });
  expect(created.status(), await created.text()).toBe(201);
  const { code, title } = (await created.json()).meeting as { code: string; title: string };
  expect(title).toBe(TITLE);

  const host = new MeetingPage(hostPage);
  await host.open(code);
  await host.join();

  const guestContext = await newPerson();
  const guestDialogs = await watch(guestContext);
  const guestPage = await guestContext.newPage();
  const guest = new MeetingPage(guestPage);
  await guest.joinAsGuest(code, GUEST_NAME);

  await test.step("the title is shown literally to host and guest", async () => {
    for (const side of [host, guest]) await expect(side.page.getByRole("heading", { name: TITLE, exact: true })).toBeVisible();
  });

  await test.step("the guest's name is shown literally in the host's participant list and on their tile", async () => {
    await host.openPanel("Participants");
    await expect(host.participantItems().filter({ hasText: GUEST_NAME })).toHaveCount(1);
    await expect(host.page.getByTestId("video-tile").filter({ hasText: GUEST_NAME }).first()).toBeVisible();
  });

  await test.step("chat messages arrive as the text that was typed", async () => {
    await guest.openPanel("Chat");
    for (const payload of PAYLOADS) await host.sendChat(payload);
    for (const payload of PAYLOADS) {
      await expect(guest.chatMessages().filter({ hasText: payload })).toHaveCount(1);
      await expect(host.chatMessages().filter({ hasText: payload })).toHaveAttribute("data-status", "sent");
    }
    await guest.sendChat(`${PAYLOADS[0]} from the guest`);
    const atHost = host.chatMessages().filter({ hasText: `${PAYLOADS[0]} from the guest` });
    await expect(atHost).toHaveCount(1);
    await expect(atHost).toContainText(GUEST_NAME);
  });

  await test.step("history loaded after a reload is text too", async () => {
    await guest.page.reload();
    await guest.join();
    await guest.openPanel("Chat");
    for (const payload of PAYLOADS) await expect(guest.chatMessages().filter({ hasText: payload }).first()).toBeVisible();
  });

  await test.step("nothing ran in either browser", async () => {
    await expectInert(host.page, hostDialogs);
    await expectInert(guest.page, guestDialogs);
  });

  await test.step("the dashboard lists the title literally", async () => {
    const dashboard = await hostContext.newPage();
    await dashboard.goto("/dashboard");
    await expect(dashboard.locator(`[data-testid="meeting-item"][data-code="${code}"] strong`)).toHaveText(TITLE);
    await expectInert(dashboard, hostDialogs);
  });

  await test.step("a meeting code in the address is echoed as text", async () => {
    const page = await guestContext.newPage();
    await page.goto(`/m/${encodeURIComponent(PAYLOADS[0])}`);
    await expect(page.getByRole("alert").filter({ hasText: PAYLOADS[0] })).toBeVisible();
    await expectInert(page, guestDialogs);
  });
});

test("pages carry a nonce-based CSP and every script has the nonce", async ({ page }) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=(self)");
  test.info().annotations.push({ type: "csp", description: csp });

  // Every <script> in the server-rendered HTML carries this response's nonce (chunks loaded later
  // by those scripts need none: 'strict-dynamic').
  const raw = await page.request.get("/sign-in");
  const rawNonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(raw.headers()["content-security-policy"])?.[1];
  expect(rawNonce).toBeTruthy();
  const tags = (await raw.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(` nonce="${rawNonce}"`))).toEqual([]);
  // A second load gets a fresh nonce.
  const again = (await page.reload())!.headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
});
