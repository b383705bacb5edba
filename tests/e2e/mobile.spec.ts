import type { Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { framesDecodedOver } from "../helpers/media-probes";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/** A phone (360×740 portrait, touch) meets a desktop: usable pre-join and room, and the room survives a trip to the background. */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "no sideways scrolling").toBeLessThanOrEqual(innerWidth);
}

test("a phone joins a desktop host by touch, and the call survives the page going to the background", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Pocket meeting");
  const host = new MeetingPage(hostPage);
  await host.join();

  const phoneContext = await newPerson(PHONE);
  const phonePage = await phoneContext.newPage();
  const phone = new MeetingPage(phonePage);
  await phone.open(code);
  await fitsTheScreen(phonePage);
  await phonePage.getByLabel("Your name").fill("Mobile Mia");
  await phonePage.getByRole("button", { name: "Continue as guest" }).tap();
  await expect(phonePage.getByTestId("prejoin-preview")).toBeVisible();
  await fitsTheScreen(phonePage);
  await phonePage.getByRole("button", { name: "Join now" }).tap();
  await expect(phone.room).toHaveAttribute("data-connection-state", "connected");
  await fitsTheScreen(phonePage);

  // Every control is on screen and big enough to hit with a finger (WCAG 2.5.8: at least 24×24).
  const toolbar = phonePage.getByRole("group", { name: "Meeting controls" });
  for (const button of await toolbar.getByRole("button").all()) {
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
  }

  // Video both ways.
  const hostOnPhone = phonePage.locator('[data-testid="video-tile"][data-source="camera"]', { hasNotText: "Mobile Mia" }).locator("video").first();
  const phoneOnHost = hostPage.locator('[data-testid="video-tile"][data-source="camera"]', { hasText: "Mobile Mia" }).locator("video");
  await expect.poll(() => framesDecodedOver(hostOnPhone)).toBeGreaterThan(0);
  await expect.poll(() => framesDecodedOver(phoneOnHost)).toBeGreaterThan(0);

  // Touch controls: mute, open chat and send.
  await phonePage.getByRole("button", { name: "Turn off microphone" }).tap();
  await expect(phonePage.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  await phonePage.getByRole("button", { name: "Chat", exact: true }).tap();
  await phonePage.getByLabel("Message").fill("Sent from my phone");
  await phonePage.getByRole("button", { name: "Send", exact: true }).tap();
  await host.openPanel("Chat");
  await expect(host.chatMessages().filter({ hasText: "Sent from my phone" })).toHaveCount(1);
  await phonePage.getByRole("button", { name: "Close" }).first().tap();

  // To the background and back. Headless Chromium never hides a page (minimising, other tabs and
  // lifecycle freezing all leave it "visible"), so the page is told what a phone tells it when the
  // person switches apps: visibilityState "hidden" and a visibilitychange event, then "visible".
  // livekit-client pauses remote video while hidden (adaptive stream) and must resume it after.
  const setVisibility = (state: "hidden" | "visible") =>
    phonePage.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => value === "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await expect.poll(() => framesDecodedOver(phoneOnHost), { message: "the host keeps seeing the hidden phone" }).toBeGreaterThan(0);
  await hostPage.waitForTimeout(3000);
  await setVisibility("visible");
  await expect(phone.room).toHaveAttribute("data-connection-state", "connected");
  await expect.poll(() => framesDecodedOver(hostOnPhone), { message: "the phone sees the host again" }).toBeGreaterThan(0);
  await expect.poll(() => framesDecodedOver(phoneOnHost)).toBeGreaterThan(0);
});
