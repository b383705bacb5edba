import path from "node:path";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { readObject } from "../helpers/s3";
import { framesDecodedOver } from "../helpers/media-probes";
import { DashboardPage } from "../pages/dashboard-page";
import { TEST_PORTS } from "../helpers/ports";
import { MeetingPage } from "../pages/meeting-page";

/**
 * End-to-end encrypted meetings: the passphrase travels only in the link's #fragment; media is
 * encrypted in the browsers (the SFU forwards ciphertext), chat is stored as ciphertext, people
 * compare a verification code, and a browser without the key gets a clear message — and, if it
 * subscribes anyway, no decodable video. Recording still works (it records decrypted media).
 */
test.describe.configure({ timeout: 360_000 });

const LIVEKIT_UMD = path.join(process.cwd(), "node_modules/livekit-client/dist/livekit-client.umd.js");

async function verificationCode(page: Page): Promise<string> {
  await page.getByTestId("e2ee-badge").click();
  const code = (await page.getByTestId("verification-code").textContent())!.trim();
  await page.getByRole("dialog", { name: "Verification code" }).getByRole("button", { name: "Close" }).click();
  return code;
}

/** Subscribes to everything in the room with plain livekit-client (no key) and reports what its video decoder managed. */
async function subscribeWithoutKey(page: Page, url: string, token: string) {
  // A page of its own (no app CSP) that loads the stock livekit-client bundle.
  await page.route("http://localhost:3199/**", (route) =>
    route.request().url().endsWith("/livekit-client.umd.js")
      ? route.fulfill({ path: LIVEKIT_UMD, contentType: "text/javascript" })
      : route.fulfill({ body: '<!doctype html><script src="/livekit-client.umd.js"></script>', contentType: "text/html" }),
  );
  await page.goto("http://localhost:3199/observer");
  await page.waitForFunction(() => "LivekitClient" in window);
  return page.evaluate(
    async ({ url, token }) => {
      const { Room, RoomEvent, Track } = (window as unknown as { LivekitClient: typeof import("livekit-client") }).LivekitClient;
      const room = new Room();
      const videos: HTMLVideoElement[] = [];
      room.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === Track.Kind.Video) {
          const el = track.attach() as HTMLVideoElement;
          el.muted = true;
          document.body.append(el);
          videos.push(el);
        }
      });
      await room.connect(url, token, { autoSubscribe: true });
      await new Promise((r) => setTimeout(r, 8000));
      let bytesReceived = 0;
      let framesReceived = 0;
      let framesDecoded = 0;
      for (const participant of room.remoteParticipants.values()) {
        for (const publication of participant.videoTrackPublications.values()) {
          const stats = await publication.videoTrack?.getRTCStatsReport();
          stats?.forEach((s: { type: string; bytesReceived?: number; framesReceived?: number; framesDecoded?: number }) => {
            if (s.type === "inbound-rtp") {
              bytesReceived += s.bytesReceived ?? 0;
              framesReceived += s.framesReceived ?? 0;
              framesDecoded += s.framesDecoded ?? 0;
            }
          });
        }
      }
      const shown = videos.map((v) => v.getVideoPlaybackQuality().totalVideoFrames).reduce((a, b) => a + b, 0);
      await room.disconnect();
      return { videoTracks: videos.length, bytesReceived, framesReceived, framesDecoded, shown };
    },
    { url, token },
  );
}

test("an end-to-end encrypted meeting: media and chat encrypted, codes match, no key means no picture, no passphrase on the server, and it records", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostPage = await hostContext.newPage();
  await new DashboardPage(hostPage).goto();
  await hostPage.getByLabel("Title").fill("Private board");
  await hostPage.getByLabel("End-to-end encrypted").check();
  await hostPage.getByRole("button", { name: "Create" }).click();
  // The page takes the #key= out of the address bar once read; the host's browser keeps it (for the invite link).
  await expect(hostPage).toHaveURL(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}(#|$)/);
  const code = new URL(hostPage.url()).pathname.split("/").pop()!;
  const passphrase = await hostPage.evaluate((c) => (JSON.parse(localStorage.getItem("parley.e2ee.v1") ?? "{}") as Record<string, string>)[c], code);
  expect(passphrase.length).toBeGreaterThanOrEqual(20);
  const link = { hash: `#key=${encodeURIComponent(passphrase)}` };
  const host = new MeetingPage(hostPage);
  await host.join();
  await expect(hostPage.getByTestId("e2ee-badge")).toBeVisible();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  const guestContext = await newPerson();
  const guest = new MeetingPage(await guestContext.newPage());
  await guest.page.goto(`/m/${code}${link.hash}`);
  await guest.continueAsGuest("Gwen Guest");
  await guest.join();
  const guestIdentity = (await (await guest.page.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  await test.step("both see each other's (decrypted) video and have the same verification code", async () => {
    // Over 3 s: two encrypting browsers on a shared 2-core machine may send only a few frames a second.
    await expect.poll(() => framesDecodedOver(host.tile({ identity: guestIdentity, source: "camera" }).locator("video"), 3000)).toBeGreaterThan(5);
    await expect.poll(() => framesDecodedOver(guest.tile({ identity: hostIdentity, source: "camera" }).locator("video"), 3000)).toBeGreaterThan(5);
    const [a, b] = [await verificationCode(hostPage), await verificationCode(guest.page)];
    expect(a).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(a).toBe(b);
  });

  await test.step("chat is readable in the room and stored as ciphertext", async () => {
    await guest.openPanel("Chat");
    await host.sendChat("The merger closes on Friday");
    await expect(guest.chatMessages().filter({ hasText: "The merger closes on Friday" })).toHaveCount(1);
    await expect(host.chatMessages().filter({ hasText: "The merger closes on Friday" })).toHaveAttribute("data-status", "sent");
    const stored = await queryDb<{ body: string }>("select c.body from chat_messages c join meetings m on m.id = c.meeting_id where m.code = $1", [code]);
    expect(stored).toHaveLength(1);
    expect(stored[0].body).toMatch(/^e2ee:v1:/);
    expect(stored[0].body).not.toContain("merger");
    // A reload reads the history back through the key.
    await guest.page.reload();
    await guest.join();
    await guest.openPanel("Chat");
    await expect(guest.chatMessages().filter({ hasText: "The merger closes on Friday" })).toHaveCount(1);
  });

  await test.step("without the key: the link asks for the passphrase; a wrong one gets a clear message, not garbage", async () => {
    const strangerContext = await newPerson();
    const stranger = new MeetingPage(await strangerContext.newPage());
    await stranger.open(code);
    await expect(stranger.page.getByTestId("passphrase-form")).toBeVisible();
    await expect(stranger.page.getByTestId("prejoin-preview")).toHaveCount(0);
    await stranger.page.getByLabel("Passphrase").fill("not the passphrase");
    await stranger.page.getByRole("button", { name: "Continue", exact: true }).click();
    await stranger.continueAsGuest("Sam Stranger");
    await stranger.join();
    await expect(stranger.page.getByTestId("e2ee-badge")).toHaveAttribute("data-undecryptable", "true");
    await expect(stranger.page.getByText(/Can't decrypt/).first()).toBeVisible();
    const strangerCode = await verificationCode(stranger.page);
    expect(strangerCode).not.toBe(await verificationCode(hostPage));
    // Chat written with the right key is not readable with the wrong one.
    await stranger.openPanel("Chat");
    await expect(stranger.chatMessages().filter({ hasText: "could not be decrypted" })).toHaveCount(1);
    await expect(stranger.chatMessages().filter({ hasText: "merger" })).toHaveCount(0);
  });

  await test.step("an observer subscribing with plain LiveKit (no key) receives bytes but no decodable video", async () => {
    // A page served by Playwright counts as a public origin: let it reach LiveKit on loopback.
    const observerContext = await newPerson({ permissions: ["local-network-access"] });
    const observerPage = await observerContext.newPage();
    await observerPage.goto(`/m/${code}`);
    expect((await observerPage.request.post(`/api/meetings/${code}/guest`, { data: { displayName: "Olly Observer" } })).status()).toBe(201);
    const grant = await (await observerPage.request.post(`/api/meetings/${code}/token`)).json();
    const seen = await subscribeWithoutKey(observerPage, grant.url, grant.token);
    expect(seen.videoTracks).toBeGreaterThan(0);
    test.info().annotations.push({ type: "observer without key", description: JSON.stringify(seen) });
    expect(seen.bytesReceived).toBeGreaterThan(10_000);
    expect(seen.framesReceived).toBeGreaterThan(50);
    // The codec headers are left in the clear (so the SFU can route layers); the decoder may make
    // sense of a stray frame header, but the pictures themselves are ciphertext: almost nothing decodes.
    expect(seen.framesDecoded / seen.framesReceived).toBeLessThan(0.1);
  });

  await test.step("a recording made in the meeting is stored encrypted with the meeting key, and plays where the key is known", async () => {
    await hostPage.getByRole("button", { name: "Record", exact: true }).click();
    const dialog = hostPage.getByRole("dialog", { name: "Record this meeting" });
    await expect(dialog.getByLabel(/Encrypt the file with the meeting key/)).toBeChecked();
    await dialog.getByRole("button", { name: "Start recording" }).click();
    const status = hostPage.getByTestId("recorder-status");
    await expect(status).toHaveAttribute("data-phase", "recording");
    await hostPage.waitForTimeout(6_000);
    await hostPage.getByRole("button", { name: "Stop recording" }).click();
    await expect(status).toHaveAttribute("data-phase", "saved", { timeout: 120_000 });
    const id = (await status.getAttribute("data-recording-id"))!;
    const [row] = await queryDb<{ object_key: string; poster_key: string; encrypted: boolean; processed_at: Date | null }>(
      "select object_key, poster_key, encrypted, processed_at from recordings where id = $1",
      [id],
    );
    expect(row.encrypted).toBe(true);
    expect(row.processed_at).not.toBeNull(); // processed in the recording browser, with the key
    for (const key of [row.object_key, row.poster_key]) {
      const stored = await readObject(key);
      expect(Buffer.from(stored.subarray(0, 4)).toString("latin1")).toBe("PRE1"); // our encrypted frames, not MP4/JPEG
    }
    // The host's browser knows the passphrase (it made the meeting), so the player decrypts in the page.
    const player = await hostContext.newPage();
    await player.goto(`/recordings/${id}`);
    const video = player.getByTestId("recording-video");
    await expect(video).toBeVisible();
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames)).toBeGreaterThan(10);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(4);
    // Elsewhere, without the passphrase, the page asks for it and a wrong one is refused.
    const otherHostBrowser = await (await newPerson({ storageState: STORAGE.host })).newPage();
    await otherHostBrowser.goto(`/recordings/${id}`);
    await otherHostBrowser.getByLabel("Passphrase").fill("wrong");
    await otherHostBrowser.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(otherHostBrowser.getByText("This passphrase does not decrypt the recording.")).toBeVisible();
    await otherHostBrowser.getByLabel("Passphrase").fill(passphrase);
    await otherHostBrowser.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(otherHostBrowser.getByTestId("recording-video")).toHaveAttribute("src", /^blob:/);
  });

  await test.step("the passphrase is in no server log and nowhere in the database", async () => {
    const logs = [path.join(".data", "logs", "e2e-app.log"), path.join(".data", "logs", `livekit-${TEST_PORTS.e2eLivekit}.log`)].map((f) => readFileSync(f, "utf8"));
    for (const log of logs) expect(log).not.toContain(passphrase);
    const tables = await queryDb<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const hits = await queryDb(`select 1 from "${table_name}" t where t::text like $1 limit 1`, [`%${passphrase}%`]);
      expect(hits, table_name).toHaveLength(0);
    }
  });
});
