import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/** A phone's or a kitchen timer's beeping, loud: 0.2 s of 1 kHz every half second, for 10 s (Chromium loops it). */
const beepingMic = (() => {
  const file = path.join(process.cwd(), ".data", "e2e", "beeping-microphone.wav");
  mkdirSync(path.dirname(file), { recursive: true });
  execFileSync("sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", file, "synth", "0.2", "sine", "1000", "pad", "0", "0.3", "repeat", "19", "norm", "-1"]);
  return file;
})();

/** How often, over `ms`, a tile said someone was speaking: by the speaker's own detector, and by the SFU's audio level. */
async function watchSpeaking(tile: Locator, ms: number) {
  return tile.evaluate(async (element, wait) => {
    const seen = { samples: 0, speaking: 0, sfuSpeaking: 0 };
    const end = Date.now() + wait;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.samples++;
      if (element.getAttribute("data-speaking") === "true") seen.speaking++;
      if (element.getAttribute("data-sfu-speaking") === "true") seen.sfuSpeaking++;
    }
    return seen;
  }, ms);
}

/**
 * The host's microphone hears only beeping, like a phone or a kitchen timer next to the laptop:
 * the SFU's audio level calls that speaking, the speaker's own voice detector does not, and the
 * tile follows the detector. (captions.spec checks that real speech lights it.)
 */
test("the speaking indicator follows the speaker's own voice detector, not any sound", async ({ newPerson }) => {
  test.setTimeout(180_000);
  const hostPage = await (await newPerson({ storageState: STORAGE.host, chromiumArgs: [`--use-file-for-fake-audio-capture=${beepingMic}`] })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Beeping kitchen");
  const host = new MeetingPage(hostPage);
  // Our noise suppression off, so nothing but the detector stands between the beeps and the room.
  await hostPage.getByRole("switch", { name: "Noise suppression" }).uncheck();
  await host.join();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.open(code);
  await guest.continueAsGuest("Quiet Listener");
  await guest.page.getByRole("button", { name: "Turn off microphone" }).click();
  await guest.join();
  const hostTile = guest.tile({ identity: hostIdentity, source: "camera" });

  await test.step("once the host's detector runs, the guest's view of the host goes by it", async () => {
    await expect(hostTile).toHaveAttribute("data-speaking-by", "detector", { timeout: 90_000 });
  });

  await test.step("the beeps never light the host's tile, though the SFU calls them speech", async () => {
    const seen = await watchSpeaking(hostTile, 12_000);
    console.log(`[speaking e2e] beeps: ${JSON.stringify(seen)}`);
    expect(seen.sfuSpeaking).toBeGreaterThan(0);
    expect(seen.speaking).toBe(0);
  });

  await test.step("a muted microphone never speaks", async () => {
    await host.page.getByRole("button", { name: "Turn off microphone" }).click();
    await expect(hostTile).toHaveAttribute("data-speaking", "false");
  });
});
