import type { APIRequestContext, Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { audit } from "../helpers/axe";
import { queryDb } from "../helpers/db";
import { probeMedia } from "../helpers/ffprobe";
import { e2eS3, objectExists, readObject } from "../helpers/s3";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Browser-side recording, end to end: a host records a real meeting (camera, microphone, screen
 * share) in Chromium; the file goes to MinIO as a multipart upload, ffmpeg.wasm makes it a seekable
 * MP4 with a poster, and ffprobe checks what was stored.
 */
test.describe.configure({ timeout: 240_000 });

/** Starts recording; returns when Start was clicked and when the page was first seen recording (ms, the test's clock). */
async function startRecording(page: Page, quality: "720p HD" | "1080p Full HD" = "720p HD"): Promise<{ clickedAt: number; seenAt: number }> {
  await page.getByRole("button", { name: "Record", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Record this meeting" });
  await dialog.getByLabel("Quality").selectOption({ label: quality });
  const clickedAt = Date.now();
  await dialog.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByTestId("recorder-status")).toHaveAttribute("data-phase", "recording");
  return { clickedAt, seenAt: Date.now() };
}

/** Stops, waits for the upload and processing; returns the recording's id, when Stop was clicked and when it was saved (ms). */
async function stopRecording(page: Page): Promise<{ id: string; stopClickedAt: number; savedAt: number }> {
  const status = page.getByTestId("recorder-status");
  const id = (await status.getAttribute("data-recording-id"))!;
  const stopClickedAt = Date.now();
  await page.getByRole("button", { name: "Stop recording" }).click();
  await expect(status).toHaveAttribute("data-phase", "saved", { timeout: 120_000 });
  return { id, stopClickedAt, savedAt: Date.now() };
}

/**
 * How long the recording really ran: the recording page's own clock from MediaRecorder's start to
 * Stop, as it reported it when completing the upload (kept in the audit log; the row's durationMs is
 * ffmpeg's figure afterwards). The test's clock brackets it, whatever the machine's load: it was
 * recording from when the page showed it until Stop was clicked, and can have run at most from the
 * Start click until it was saved (half a second either way for the two clocks' reading).
 */
async function recordedSeconds(id: string, surely: { from: number; to: number }, atMost: { from: number; to: number }): Promise<number> {
  const [entry] = await queryDb<{ detail: { durationMs: number } }>("select detail from audit_log where action = 'recording.completed' and target = $1", [id]);
  const seconds = entry.detail.durationMs / 1000;
  expect(seconds).toBeGreaterThan((surely.to - surely.from) / 1000 - 0.5);
  expect(seconds).toBeLessThan((atMost.to - atMost.from) / 1000 + 0.5);
  return seconds;
}

async function storedRecording(id: string) {
  const [row] = await queryDb<{ object_key: string; poster_key: string | null; status: string; processed_at: Date | null; duration_ms: number }>(
    "select object_key, poster_key, status, processed_at, duration_ms from recordings where id = $1",
    [id],
  );
  return row;
}

test("a host records 15 s of camera and screen share to MinIO; the MP4 has video and audio of the right length, seeks, and others need permission", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostPage = await hostContext.newPage();
  hostPage.on("console", (m) => {
    if (m.type() === "error") console.log("[host page]", m.text()); // shows why, when processing fails
  });
  // Its own title on each run: a retry's list must not count the first attempt's recording.
  const title = `Recorded review ${Date.now().toString(36)}`;
  const code = await new DashboardPage(hostPage).createInstantMeeting(title);
  const host = new MeetingPage(hostPage);
  await host.join();

  const memberContext = await newPerson({ storageState: STORAGE.other });
  const member = new MeetingPage(await memberContext.newPage());
  await member.open(code);
  await member.join();
  await hostPage.getByRole("button", { name: "Share screen" }).click();
  await expect(host.tile({ source: "screen_share" })).toHaveCount(1);

  const started = await startRecording(hostPage);
  await expect(member.page.getByTestId("recording-badge")).toBeVisible();
  await hostPage.waitForTimeout(15_000);
  const { id, stopClickedAt, savedAt } = await stopRecording(hostPage);
  const truth = await recordedSeconds(id, { from: started.seenAt, to: stopClickedAt }, { from: started.clickedAt, to: savedAt });
  await expect(member.page.getByTestId("recording-badge")).toHaveCount(0);

  await test.step("MinIO holds a processed MP4 with H.264 video and AAC audio, as long as the recording, and a poster", async () => {
    const row = await storedRecording(id);
    expect(row.status).toBe("ready");
    expect(row.processed_at).not.toBeNull();
    expect(row.object_key).toMatch(new RegExp(`^recordings/${code}/${id}\\.processed\\.mp4$`));
    expect(await objectExists(row.object_key)).toBe(true);
    const probe = await probeMedia(await readObject(row.object_key));
    expect(probe.streams.map((s) => `${s.codecType}:${s.codecName}`).sort()).toEqual(["audio:aac", "video:h264"]);
    const video = probe.streams.find((s) => s.codecType === "video")!;
    expect([video.width, video.height]).toEqual([1280, 720]);
    expect(Math.abs(probe.durationSec - truth)).toBeLessThan(1);
    const poster = await readObject(row.poster_key!);
    expect([...poster.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG
    // The browser's original file was replaced by the MP4.
    const originals = await queryDb<{ n: string }>("select count(*) as n from recordings where id = $1 and object_key like '%.processed.mp4'", [id]);
    expect(originals[0].n).toBe("1");
  });

  await test.step("the playback page plays it and seeks", async () => {
    await hostPage.goto(`/recordings/${id}`);
    const player = hostPage.getByTestId("recording-video");
    await expect(player).toBeVisible();
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    const duration = await player.evaluate((v: HTMLVideoElement) => v.duration);
    expect(Math.abs(duration - truth)).toBeLessThan(1);
    const seeked = await player.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<{ time: number; seekableEnd: number }>((resolve) => {
          v.addEventListener("seeked", () => resolve({ time: v.currentTime, seekableEnd: v.seekable.end(v.seekable.length - 1) }), { once: true });
          v.currentTime = 10;
        }),
    );
    expect(Math.abs(seeked.time - 10)).toBeLessThan(0.6);
    expect(seeked.seekableEnd).toBeGreaterThan(14);
    await expect(player).toHaveAttribute("poster", /.+/);
    await audit(hostPage, "recording page");
    await hostPage.goto("/recordings");
    await expect(hostPage.getByTestId("recording-row").filter({ hasText: title })).toHaveCount(1);
    await audit(hostPage, "recordings list");
    await hostPage.goto(`/recordings/${id}`);
  });

  await test.step("a participant without permission gets 403, the file is not public, and sharing lets them in", async () => {
    const memberRequest: APIRequestContext = member.page.request;
    expect((await memberRequest.get(`/api/recordings/${id}`)).status()).toBe(403);
    await member.page.goto(`/recordings/${id}`);
    await expect(member.page.getByText("This recording has not been shared with you")).toBeVisible();
    const { endpoint, bucket } = e2eS3();
    const row = await storedRecording(id);
    expect((await memberRequest.get(`${endpoint}/${bucket}/${row.object_key}`)).status()).toBe(403);
    const denials = await queryDb("select 1 from audit_log where action = 'recording.access_denied' and target = $1", [id]);
    expect(denials.length).toBeGreaterThan(0);

    const saved = hostPage.waitForResponse((r) => r.url().endsWith(`/api/recordings/${id}`) && r.request().method() === "PATCH");
    await hostPage.getByLabel("Share with the meeting's participants").check();
    expect((await saved).status()).toBe(200);
    await expect(hostPage.getByLabel("Share with the meeting's participants")).toBeChecked();
    const allowed = await memberRequest.get(`/api/recordings/${id}`);
    expect(allowed.status()).toBe(200);
    const { url } = await allowed.json();
    const ranged = await memberRequest.get(url, { headers: { range: "bytes=0-99" } });
    expect(ranged.status()).toBe(206);
    expect((await ranged.body()).length).toBe(100);
    await member.page.goto("/recordings");
    await expect(member.page.getByTestId("recording-row").filter({ hasText: title })).toHaveCount(1);
  });

  await test.step("the host renames and deletes it; the files leave MinIO", async () => {
    await hostPage.getByLabel("Title").fill("Recorded review — final");
    await hostPage.getByRole("button", { name: "Rename" }).click();
    await expect(hostPage.getByRole("heading", { name: "Recorded review — final" })).toBeVisible();
    const row = await storedRecording(id);
    await hostPage.getByRole("button", { name: "Delete" }).click();
    await hostPage.getByRole("group", { name: "Delete this recording?" }).getByRole("button", { name: "Delete" }).click();
    await expect(hostPage).toHaveURL(/\/recordings$/);
    expect(await objectExists(row.object_key)).toBe(false);
    expect(await objectExists(row.poster_key!)).toBe(false);
    expect((await hostPage.request.get(`/api/recordings/${id}`)).status()).toBe(404);
  });
});

test("an upload cut in the middle is retried and resumes; the stored file is complete", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostPage = await hostContext.newPage();
  await new DashboardPage(hostPage).createInstantMeeting("Flaky uplink");
  const host = new MeetingPage(hostPage);
  await host.join();

  const { endpoint } = e2eS3();
  let refused = 0;
  const started = await startRecording(hostPage, "1080p Full HD");
  await hostPage.waitForTimeout(4_000);
  // The uplink to storage drops: every upload to MinIO fails for 12 s, then the network is back.
  await hostContext.route(`${endpoint}/**`, (route) => {
    refused++;
    return route.abort("internetdisconnected");
  });
  await hostPage.waitForTimeout(12_000);
  await hostContext.unrouteAll({ behavior: "wait" });
  await hostPage.waitForTimeout(2_000);
  // Cut again and stop while cut: the last part waits and goes when the network returns.
  await hostContext.route(`${endpoint}/**`, (route) => {
    refused++;
    return route.abort("internetdisconnected");
  });
  const status = hostPage.getByTestId("recorder-status");
  const stopClickedAt = Date.now();
  await hostPage.getByRole("button", { name: "Stop recording" }).click();
  await expect(status).toContainText("Upload paused, retrying");
  await hostContext.unrouteAll({ behavior: "wait" });
  await expect(status).toHaveAttribute("data-phase", "saved", { timeout: 120_000 });
  const savedAt = Date.now();
  expect(refused).toBeGreaterThan(0);

  const id = (await status.getAttribute("data-recording-id"))!;
  const row = await storedRecording(id);
  expect(row.status).toBe("ready");
  const truth = await recordedSeconds(id, { from: started.seenAt, to: stopClickedAt }, { from: started.clickedAt, to: savedAt });
  const probe = await probeMedia(await readObject(row.object_key));
  expect(probe.streams.map((s) => s.codecType).sort()).toEqual(["audio", "video"]);
  expect(Math.abs(probe.durationSec - truth)).toBeLessThan(1);
});
