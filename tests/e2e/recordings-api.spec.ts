import { randomBytes } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { RoomPresence } from "../helpers/room-presence";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * The recording upload API as the recording browser uses it, against the running server and its
 * storage: start, upload parts through presigned URLs, resume after a "crash", complete; then who
 * may list, play, share, rename and delete, every access audited; and the recording indicator.
 */
let host: APIRequestContext;
let member: APIRequestContext;
let guest: APIRequestContext;
let outsider: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  const make = (storageState?: string) => playwrightRequest.newContext({ baseURL, storageState });
  [host, member, guest, outsider] = await Promise.all([make(STORAGE.host), make(STORAGE.other), make(), make()]);
});
test.afterAll(async () => {
  await Promise.all([host, member, guest, outsider].map((c) => c?.dispose()));
});

async function putPart(ctx: APIRequestContext, id: string, partNumber: number, bytes: Buffer): Promise<string> {
  const { url } = await (await ctx.post(`/api/recordings/${id}/parts`, { data: { partNumber } })).json();
  const response = await ctx.put(url, { data: bytes, headers: { "content-type": "application/octet-stream" } });
  expect(response.status()).toBe(200);
  return response.headers()["etag"];
}

test("a host records (upload in parts, resumed after a crash), shares, renames and deletes; others see only what is shared", async ({ baseURL, browser }) => {
  const code = (await (await host.post("/api/meetings", { data: { title: "Quarterly review" } })).json()).meeting.code as string;
  expect((await member.post(`/api/meetings/${code}/token`)).status()).toBe(200); // becomes a member
  expect((await guest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Guest Gil" } })).status()).toBe(201);

  expect((await member.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } })).status()).toBe(403);
  expect((await outsider.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } })).status()).toBe(401);
  // No Egress here (LIVEKIT_EGRESS unset): asking the server to record is refused with a reason.
  const serverMode = await host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/mp4", mode: "server" } });
  expect(serverMode.status()).toBe(409);
  expect((await serverMode.json()).error.message).toContain("LIVEKIT_EGRESS");
  expect((await host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm", encrypted: true } })).status()).toBe(400);
  const badType = await host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "text/html" } });
  expect(badType.status()).toBe(400);
  expect((await badType.json()).error.fields.mimeType).toBeTruthy();

  const started = await host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm;codecs=vp8,opus" } });
  expect(started.status()).toBe(201);
  const { id, status } = (await started.json()).recording;
  expect(status).toBe("recording");

  const first = randomBytes(5 * 1024 * 1024);
  const second = randomBytes(300_000);
  const etag1 = await putPart(host, id, 1, first);
  // The recording tab crashed and came back: it asks what arrived and carries on.
  expect((await (await host.get(`/api/recordings/${id}/parts`)).json()).parts).toEqual([{ partNumber: 1, etag: etag1, size: first.length }]);
  // Nobody else may upload into it.
  expect((await member.post(`/api/recordings/${id}/parts`, { data: { partNumber: 2 } })).status()).toBe(403);
  const etag2 = await putPart(host, id, 2, second);
  const incomplete = await host.post(`/api/recordings/${id}/complete`, { data: { parts: [{ partNumber: 2, etag: etag2 }, { partNumber: 3, etag: '"x"' }], durationMs: 15_000 } });
  expect(incomplete.status()).toBe(400);
  const completed = await host.post(`/api/recordings/${id}/complete`, {
    data: { parts: [{ partNumber: 1, etag: etag1 }, { partNumber: 2, etag: etag2 }], durationMs: 15_000 },
  });
  expect(completed.status()).toBe(200);
  expect((await completed.json()).recording).toMatchObject({ status: "ready", sizeBytes: first.length + second.length, durationMs: 15_000 });

  // Hosts see it; members do not until it is shared.
  expect((await (await host.get(`/api/meetings/${code}/recordings`)).json()).recordings.map((r: { id: string }) => r.id)).toEqual([id]);
  expect((await (await member.get(`/api/meetings/${code}/recordings`)).json()).recordings).toEqual([]);
  expect((await member.get(`/api/recordings/${id}`)).status()).toBe(403);
  expect((await outsider.get(`/api/recordings/${id}`)).status()).toBe(401);

  const { url } = await (await host.get(`/api/recordings/${id}`)).json();
  const whole = await host.get(url);
  expect(whole.status()).toBe(200);
  expect(Buffer.compare(await whole.body(), Buffer.concat([first, second]))).toBe(0);
  const seek = await host.get(url, { headers: { range: "bytes=5242880-5242889" } });
  expect(seek.status()).toBe(206);
  expect(Buffer.compare(await seek.body(), second.subarray(0, 10))).toBe(0);

  expect((await member.patch(`/api/recordings/${id}`, { data: { sharedWithMembers: true } })).status()).toBe(403);
  const shared = await host.patch(`/api/recordings/${id}`, { data: { sharedWithMembers: true, title: "Q3 review" } });
  expect((await shared.json()).recording).toMatchObject({ sharedWithMembers: true, title: "Q3 review" });
  // "Shared with members" is not "shared with anyone who has the code": a guest who never came in sees nothing.
  expect((await (await guest.get(`/api/meetings/${code}/recordings`)).json()).recordings).toEqual([]);
  expect((await guest.get(`/api/recordings/${id}`)).status()).toBe(403);
  // Once the guest has been in the room, it is theirs to watch too.
  const presence = await RoomPresence.open(browser, baseURL!);
  await presence.join("guest", await (await guest.post(`/api/meetings/${code}/token`)).json());
  const meetingId = (await queryDb<{ id: string }>("select id from meetings where code = $1", [code]))[0].id;
  await expect.poll(async () => (await queryDb("select 1 from participant_sessions where meeting_id = $1 and identity like 'guest_%'", [meetingId])).length).toBe(1);
  await presence.close();
  for (const viewer of [member, guest]) {
    const seen = await (await viewer.get(`/api/recordings/${id}`)).json();
    expect(seen.recording.title).toBe("Q3 review");
    expect((await viewer.get(seen.url, { headers: { range: "bytes=0-3" } })).status()).toBe(206);
  }
  // Host once, member and guest once each after sharing; the member's and the stranger-guest's refused looks are on record too.
  const audited = await queryDb<{ action: string; n: string }>(
    "select action, count(*) as n from audit_log where target = $1 and action like 'recording.access%' group by action order by action",
    [id],
  );
  expect(audited.map((r) => [r.action, Number(r.n)])).toEqual([
    ["recording.access_denied", 2],
    ["recording.accessed", 3],
  ]);

  expect((await member.delete(`/api/recordings/${id}`)).status()).toBe(403);
  expect((await host.delete(`/api/recordings/${id}`)).status()).toBe(204);
  expect((await host.get(`/api/recordings/${id}`)).status()).toBe(404);
  expect((await host.get(url)).status()).toBe(404);
});

test("everyone in the room sees while a recording runs, including people who join during it", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Recorded stand-up");
  const hostRoom = new MeetingPage(hostPage);
  await hostRoom.join();
  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.joinAsGuest(code, "Watched Wanda");
  await expect(guest.page.getByTestId("recording-badge")).toHaveCount(0);

  const { id } = (await (await hostPage.request.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } })).json()).recording;
  // Notices last a few seconds, so every page is checked at once.
  await Promise.all(
    [hostPage, guest.page].map(async (page) => {
      await expect(page.getByRole("status").filter({ hasText: "This meeting is being recorded." })).toBeVisible();
      await expect(page.getByRole("img", { name: "This meeting is being recorded" })).toBeVisible();
    }),
  );

  const late = new MeetingPage(await (await newPerson()).newPage());
  // The notice shows for 6 s from the moment the room is joined: watch for it from the start, so a
  // slow machine's join does not let it come and go before the check.
  const toldOnJoin = expect(late.page.getByRole("status").filter({ hasText: "This meeting is being recorded." })).toBeVisible({ timeout: 90_000 });
  await late.joinAsGuest(code, "Late Larry");
  await expect(late.page.getByTestId("recording-badge")).toBeVisible();
  await toldOnJoin;

  const etag = await putPart(hostPage.request, id, 1, randomBytes(1000));
  expect((await hostPage.request.post(`/api/recordings/${id}/complete`, { data: { parts: [{ partNumber: 1, etag }], durationMs: 1000 } })).status()).toBe(200);
  await Promise.all(
    [hostPage, guest.page, late.page].map(async (page) => {
      await expect(page.getByRole("status").filter({ hasText: "Recording stopped." })).toBeVisible();
      await expect(page.getByTestId("recording-badge")).toHaveCount(0);
    }),
  );
});

test("when the recording browser leaves, the recording stops and keeps what was uploaded", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Host walks out");
  const hostRoom = new MeetingPage(hostPage);
  await hostRoom.join();
  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.joinAsGuest(code, "Staying Stan");

  const { id } = (await (await hostPage.request.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } })).json()).recording;
  const first = randomBytes(5 * 1024 * 1024);
  const second = randomBytes(4321);
  await putPart(hostPage.request, id, 1, first);
  await putPart(hostPage.request, id, 2, second);
  await expect(guest.page.getByTestId("recording-badge")).toBeVisible();

  await hostRoom.leave(); // LiveKit tells the server (participant_left), which finishes the recording
  await expect(guest.page.getByTestId("recording-badge")).toHaveCount(0);
  await expect
    .poll(async () => (await (await hostPage.request.get(`/api/recordings/${id}`)).json()).recording)
    .toMatchObject({ status: "ready", sizeBytes: first.length + second.length });
  const { url } = await (await hostPage.request.get(`/api/recordings/${id}`)).json();
  expect(Buffer.compare(await (await hostPage.request.get(url)).body(), Buffer.concat([first, second]))).toBe(0);
});
