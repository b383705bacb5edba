import type { Frame, Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { startDemoSite } from "../helpers/embed-demo";
import { framesDecodedOver } from "../helpers/media-probes";
import { TEST_PORTS } from "../helpers/ports";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * A partner site on another origin (and another site: 127.0.0.1 vs localhost) embeds a meeting with
 * the SDK from /sdk/parley-embed.js, joins as a guest, drives mic/camera/chat/hand and hears the
 * events; a site not on the allow-list gets nothing, and messages forged by a third origin are ignored.
 */
let partner: Awaited<ReturnType<typeof startDemoSite>>;
let stranger: Awaited<ReturnType<typeof startDemoSite>>;

test.beforeAll(async ({ baseURL }) => {
  partner = await startDemoSite({ port: TEST_PORTS.embedSite, appUrl: baseURL! });
  stranger = await startDemoSite({ port: TEST_PORTS.otherSite, appUrl: baseURL! });
});
test.afterAll(async () => {
  await Promise.all([partner?.close(), stranger?.close()]);
});

type SdkEvent = { event: string; [key: string]: unknown };
const events = (page: Page) => page.evaluate(() => (window as unknown as { events: SdkEvent[] }).events);
const run = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as unknown as { run: (m: string, a: unknown[]) => Promise<{ ok: boolean; code?: string; message?: string }> }).run(m, a), [method, args] as const);
async function waitForEvent(page: Page, match: (e: SdkEvent) => boolean, what: string) {
  await expect.poll(async () => (await events(page)).some(match), { message: `waiting for ${what}` }).toBe(true);
}
const embedFrame = (page: Page): Frame => page.frames().find((f) => f.url().includes("/embed/"))!;

test("a partner site embeds a meeting, drives it through the SDK and receives its events", async ({ newPerson, baseURL }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Embedded town hall");
  // The host allows the partner site from the dashboard; a malformed origin is refused with a reason.
  await hostPage.goto("/dashboard");
  const settings = hostPage.locator(`[data-testid="meeting-item"][data-code="${code}"]`).getByTestId("embed-settings");
  await settings.getByText("Embed on a website").click();
  const origins = settings.getByLabel("Websites allowed to embed this meeting");
  await origins.fill("partner.example/path");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toContainText("origin");
  await origins.fill(`${partner.url}/`);
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved");
  await expect(origins).toHaveValue(partner.url);
  await expect(settings.locator("pre")).toContainText(`${baseURL}/embed/${code}`);
  const host = new MeetingPage(hostPage);
  await host.open(code);
  await host.join();

  const site = await (await newPerson()).newPage();
  await site.goto(`${partner.url}/demo.html`);
  await site.evaluate(([url]) => (window as unknown as { startEmbed: (u: string, o: object) => void }).startEmbed(url, { displayName: "Embedded Emma" }), [
    `${baseURL}/embed/${code}`,
  ]);
  await waitForEvent(site, (e) => e.event === "ready", "ready");
  expect((await events(site)).find((e) => e.event === "ready")).toMatchObject({ meeting: { code, title: "Embedded town hall" } });

  expect(await run(site, "join", { displayName: "Embedded Emma", audio: true, video: true })).toEqual({ ok: true });
  await waitForEvent(site, (e) => e.event === "joined", "joined");
  const frame = embedFrame(site);
  await expect(frame.getByTestId("meeting-room")).toHaveAttribute("data-connection-state", "connected");
  // The host sees and the embedded guest sees: video flows both ways through the iframe.
  const guestTile = hostPage.locator('[data-testid="video-tile"][data-source="camera"]', { hasText: "Embedded Emma" }).locator("video");
  await expect.poll(() => framesDecodedOver(guestTile), { message: "host sees the embedded guest" }).toBeGreaterThan(0);
  // Those already in the room are announced on joining, as later arrivals are.
  await waitForEvent(site, (e) => e.event === "participantJoined" && (e.participant as { name: string }).name !== "Embedded Emma", "participantJoined (host)");
  await waitForEvent(site, (e) => e.event === "micChanged" && e.enabled === true, "micChanged true");

  // Mic and camera off through the SDK: the events say so and the host's view shows it.
  expect(await run(site, "toggleMic", false)).toEqual({ ok: true });
  await waitForEvent(site, (e) => e.event === "micChanged" && e.enabled === false, "micChanged false");
  expect(await run(site, "toggleCamera", false)).toEqual({ ok: true });
  await waitForEvent(site, (e) => e.event === "cameraChanged" && e.enabled === false, "cameraChanged false");
  await expect(frame.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  await expect(frame.getByRole("button", { name: "Turn on camera" })).toBeVisible();

  // Chat both ways.
  expect(await run(site, "sendChat", "Hello from the partner site")).toEqual({ ok: true });
  await host.openPanel("Chat");
  await expect(host.chatMessages().filter({ hasText: "Hello from the partner site" })).toHaveCount(1);
  await host.sendChat("Welcome, Emma");
  await waitForEvent(site, (e) => e.event === "chatReceived" && (e.message as { text: string }).text === "Welcome, Emma", "chatReceived");

  expect(await run(site, "raiseHand", true)).toEqual({ ok: true });
  await waitForEvent(site, (e) => e.event === "handChanged" && e.raised === true, "handChanged");
  // Captions: on for the room (the host is told) and shown in the frame; stopping hides them in the frame only.
  expect(await run(site, "startCaptions")).toEqual({ ok: true });
  const captionsShown = async () => (await events(site)).filter((e) => e.event === "captionsChanged").at(-1)?.enabled;
  await expect.poll(captionsShown, { message: "captionsChanged on" }).toBe(true);
  await expect(host.page.getByRole("button", { name: "Hide captions" })).toBeVisible();
  expect(await run(site, "stopCaptions")).toEqual({ ok: true });
  await expect.poll(captionsShown, { message: "captionsChanged off" }).toBe(false);
  await expect(host.page.getByRole("button", { name: "Hide captions" })).toBeVisible();
  // Nobody here needs them any more: the host turns them off (the host's browser stops transcribing).
  expect((await host.page.request.post(`/api/meetings/${code}/captions`, { data: { enabled: false } })).status()).toBe(200);

  // Forgeries from a third origin: a command to the meeting frame and a fake event to the partner page.
  await site.evaluate((url) => {
    const evil = document.createElement("iframe");
    evil.src = url;
    evil.id = "evil";
    document.body.append(evil);
    return new Promise((resolve) => evil.addEventListener("load", resolve));
  }, `${stranger.url}/evil.html`);
  const evilFrame = site.frames().find((f) => f.url().startsWith(stranger.url))!;
  await evilFrame.evaluate(() => {
    const meeting = window.parent.frames[0];
    meeting.postMessage({ protocol: "parley-embed/1", kind: "command", id: "forged-1", command: "sendChat", text: "FORGED COMMAND" }, "*");
    window.parent.postMessage(
      { protocol: "parley-embed/1", kind: "event", event: "chatReceived", message: { id: "f", from: { identity: "x", name: "x" }, text: "FORGED EVENT", sentAt: new Date().toISOString() } },
      "*",
    );
  });
  // A real message after the forgeries: once it arrives, the forged ones would have too.
  expect(await run(site, "sendChat", "Still me")).toEqual({ ok: true });
  await expect(host.chatMessages().filter({ hasText: "Still me" })).toHaveCount(1);
  await expect(host.chatMessages().filter({ hasText: "FORGED COMMAND" })).toHaveCount(0);
  expect((await events(site)).some((e) => JSON.stringify(e).includes("FORGED EVENT"))).toBe(false);

  expect(await run(site, "leave")).toEqual({ ok: true });
  await waitForEvent(site, (e) => e.event === "left", "left");
  await expect(frame.getByTestId("left-notice")).toBeVisible();
  await host.openPanel("Participants");
  await expect(host.participantItems().filter({ hasText: "Embedded Emma" })).toHaveCount(0);
});

test("a site not on the allow-list cannot show the meeting, nor talk to it", async ({ newPerson, baseURL }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Private board meeting");
  await hostPage.request.patch(`/api/meetings/${code}`, { data: { settings: { embedOrigins: [partner.url] } }, headers: { origin: baseURL! } });

  const site = await (await newPerson()).newPage();
  const refused: string[] = [];
  site.on("console", (message) => {
    if (/frame-ancestors|Refused to frame/i.test(message.text())) refused.push(message.text());
  });
  await site.goto(`${stranger.url}/demo.html`);
  await site.evaluate(([url]) => (window as unknown as { startEmbed: (u: string, o: object) => void }).startEmbed(url, { commandTimeoutMs: 3000 }), [
    `${baseURL}/embed/${code}`,
  ]);
  await expect.poll(() => refused.length, { message: "Chromium reports the frame-ancestors refusal" }).toBeGreaterThan(0);
  // The frame shows Chromium's error page, never the meeting, and the SDK never hears "ready".
  const frameDocument = site.frames().find((f) => f !== site.mainFrame());
  await expect(frameDocument!.getByText("Private board meeting")).toHaveCount(0);
  expect(await run(site, "join", { displayName: "Intruder" })).toMatchObject({ ok: false });
  expect((await events(site)).map((e) => e.event)).not.toContain("ready");

  // The embed page itself also refuses an origin that is not allowed, wherever it is opened.
  const direct = await (await newPerson()).newPage();
  await direct.goto(`/embed/${code}?origin=${encodeURIComponent(stranger.url)}`);
  await expect(direct.getByTestId("embed-refused")).toBeVisible();
  const response = await direct.request.get(`/embed/${code}`);
  expect(response.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${partner.url}`);
});
