import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { expect, launchBrowser, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { RoomPresence, type RoomGrant } from "../helpers/room-presence";

/**
 * Every privileged action × every kind of caller, against the running server, with the people
 * really in the LiveKit room. Each cell is the exact status the caller must get: a 2xx means the
 * action happened (several rows then check its effect), 403 a refusal, 401 nobody. The meeting has
 * a lobby for everyone, so "waiting" (knocked, not let in) and "denied" (turned away) stand for
 * everyone who has only the link.
 */
type Principal = "host" | "cohost" | "participant" | "viewer" | "guest" | "waiting" | "denied" | "banned" | "outsider";
const PRINCIPALS: Principal[] = ["host", "cohost", "participant", "viewer", "guest", "waiting", "denied", "banned", "outsider"];

const D = 403, N = 401;
// Refusals for everyone who is not a host, and for everyone who is not in the meeting.
const HOSTS_ONLY = (ok: number) => [ok, ok, D, D, D, D, D, D, N];
const HOST_ONLY = (ok: number) => [ok, D, D, D, D, D, D, D, N];
const IN_MEETING = (ok: number) => [ok, ok, ok, ok, ok, D, D, D, N];
const SPEAKERS = (ok: number) => [ok, ok, ok, D, ok, D, D, D, N];

//                         host cohost participant viewer guest waiting denied banned outsider
const EXPECTED: Record<string, number[]> = {
  "controls mute":           HOSTS_ONLY(200),
  "controls request_unmute": HOSTS_ONLY(200),
  "controls mute_all":       HOSTS_ONLY(200),
  "controls remove":         HOSTS_ONLY(200),
  "controls set_role":       HOST_ONLY(200),
  "controls lock":           HOSTS_ONLY(200),
  "controls restrict":       HOSTS_ONLY(200),
  "controls lower_hand":     HOSTS_ONLY(200),
  "lobby list":              HOSTS_ONLY(200),
  "lobby admit":             HOSTS_ONLY(200),
  "meeting update":          HOST_ONLY(200),
  "meeting read":            IN_MEETING(200),
  "chat read":               IN_MEETING(200),
  "chat send":               IN_MEETING(201),
  "token":                   IN_MEETING(200),
  // The one meeting route for people outside: 200 "admitted" for those in, 202 "waiting" in the lobby.
  "knock":                   [200, 200, 200, 200, 200, 202, D, D, N],
  "hand":                    IN_MEETING(200),
  "reaction":                IN_MEETING(200),
  "captions start":          IN_MEETING(200),
  "caption publish":         SPEAKERS(201),
  "voice activity":          SPEAKERS(204),
  "transcript read":         IN_MEETING(200),
  // The end-to-end app has a transcription server configured (not running: choosing it needs none).
  "captions server":         HOSTS_ONLY(200),
  "captions stop":           HOSTS_ONLY(200),
  "recording start":         HOSTS_ONLY(201),
  "recordings list":         IN_MEETING(200),
  "recording read":          HOSTS_ONLY(200),
  "recording rename":        HOSTS_ONLY(200),
  "recording process":       HOSTS_ONLY(201),
  // No LiveKit Egress here: hosts pass the permission check and reach the state check (a browser
  // recording is stopped by its browser), so 409 "conflict:recording_stop" is their outcome.
  "recording stop":          HOSTS_ONLY(409),
  "controls end":            HOSTS_ONLY(200),
};

const contexts = {} as Record<Principal, APIRequestContext>;
let presence: RoomPresence;
let code: string;
let meetingId: string;
const ids = {} as Record<string, string>;
/** People in the room a host may remove and knockers a host may admit: one for each allowed caller, and a spare the refused callers aim at. */
const removable: string[] = [];
const knockers: string[] = [];
let recordingId: string;

async function json<T = Record<string, unknown>>(response: APIResponse, status: number): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function grantFor(ctx: APIRequestContext): Promise<RoomGrant & { self: { identity: string } }> {
  return json(await ctx.post(`/api/meetings/${code}/token`), 200);
}

async function newGuest(baseURL: string, name: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  await json(await ctx.post(`/api/meetings/${code}/guest`, { data: { displayName: name } }), 201);
  return ctx;
}

const extra: APIRequestContext[] = [];

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const make = (storageState?: string) => playwrightRequest.newContext({ baseURL, storageState });
  contexts.host = await make(STORAGE.host);
  contexts.cohost = await make(STORAGE.cohost);
  contexts.participant = await make(STORAGE.other);
  contexts.viewer = await make(STORAGE.viewer);
  contexts.outsider = await make();

  const created = await json<{ meeting: { code: string } }>(await contexts.host.post("/api/meetings", { data: { title: "Matrix" } }), 201);
  code = created.meeting.code;
  meetingId = (await queryDb<{ id: string }>("select id from meetings where code = $1", [code]))[0].id;
  // Signed-in people become members by asking for a token; then the host assigns roles.
  for (const who of ["host", "cohost", "participant", "viewer"] as const) ids[who] = (await grantFor(contexts[who])).self.identity;
  for (const [who, role] of [["cohost", "co_host"], ["viewer", "viewer"]] as const) {
    await json(await contexts.host.post(`/api/meetings/${code}/controls`, { data: { action: "set_role", identity: ids[who], role } }), 200);
  }
  contexts.guest = await newGuest(baseURL!, "guest");
  contexts.banned = await newGuest(baseURL!, "banned");
  const targetCtx = await newGuest(baseURL!, "target");
  const removableCtx = await Promise.all([0, 1, 2].map((i) => newGuest(baseURL!, `removable ${i}`)));
  extra.push(targetCtx, ...removableCtx);

  // Everyone who is in the meeting joins the room (the banned guest holds a token minted before the ban).
  const browser = await launchBrowser();
  presence = await RoomPresence.open(browser, baseURL!);
  for (const who of ["host", "cohost", "participant", "viewer", "guest"] as const) await presence.join(who, await grantFor(contexts[who]));
  const target = await grantFor(targetCtx);
  ids.target = target.self.identity;
  await presence.join("target", target, { microphone: true });
  for (const [i, ctx] of removableCtx.entries()) {
    const grant = await grantFor(ctx);
    removable.push(grant.self.identity);
    await presence.join(`removable ${i}`, grant);
  }
  ids.banned = (await grantFor(contexts.banned)).self.identity;
  await json(await contexts.host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity: ids.banned, ban: true } }), 200);
  // The webhooks record who was in the room; wait for them before the lobby goes on.
  const inRoom = [ids.host, ids.cohost, ids.participant, ids.viewer, ids.target, ...removable];
  await expect
    .poll(async () => (await queryDb("select distinct identity from participant_sessions where meeting_id = $1 and identity = any($2)", [meetingId, inRoom])).length)
    .toBe(inRoom.length);

  await json(await contexts.host.patch(`/api/meetings/${code}`, { data: { settings: { lobby: "everyone" } } }), 200);
  contexts.waiting = await newGuest(baseURL!, "waiting");
  contexts.denied = await newGuest(baseURL!, "denied");
  for (const who of ["waiting", "denied"] as const) await json(await contexts[who].post(`/api/meetings/${code}/knock`), 202);
  const waitingList = await json<{ requests: Array<{ identity: string; name: string }> }>(await contexts.host.get(`/api/meetings/${code}/lobby`), 200);
  const deniedIdentity = waitingList.requests.find((r) => r.name === "denied")!.identity;
  await json(await contexts.host.post(`/api/meetings/${code}/lobby`, { data: { action: "deny", identity: deniedIdentity } }), 200);
  for (const i of [0, 1, 2]) {
    const ctx = await newGuest(baseURL!, `knocker ${i}`);
    extra.push(ctx);
    await json(await ctx.post(`/api/meetings/${code}/knock`), 202);
  }
  const lobby = await json<{ requests: Array<{ identity: string; name: string }> }>(await contexts.host.get(`/api/meetings/${code}/lobby`), 200);
  knockers.push(...lobby.requests.filter((r) => r.name.startsWith("knocker ")).map((r) => r.identity));
  expect(knockers).toHaveLength(3);

  recordingId = (await json<{ recording: { id: string } }>(await contexts.host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } }), 201)).recording.id;
  const { url } = await json<{ url: string }>(await contexts.host.post(`/api/recordings/${recordingId}/parts`, { data: { partNumber: 1 } }), 200);
  const etag = (await contexts.host.put(url, { data: Buffer.from("a small recording") })).headers()["etag"];
  await json(await contexts.host.post(`/api/recordings/${recordingId}/complete`, { data: { parts: [{ partNumber: 1, etag }], durationMs: 1000 } }), 200);
});

test.afterAll(async () => {
  await presence?.close();
  await Promise.all([...Object.values(contexts), ...extra].map((c) => c?.dispose()));
});

function call(ctx: APIRequestContext, action: string, column: number) {
  const base = `/api/meetings/${code}`;
  // Only the host and the co-host (columns 0, 1) may remove or admit; everyone else aims at the spare.
  const pick = (people: string[]) => people[Math.min(column, 2)];
  const control = (data: object) => ctx.post(`${base}/controls`, { data });
  switch (action) {
    case "controls mute": return control({ action: "mute", identity: ids.target, source: "microphone" });
    case "controls request_unmute": return control({ action: "request_unmute", identity: ids.target, source: "microphone" });
    case "controls mute_all": return control({ action: "mute_all" });
    case "controls remove": return control({ action: "remove", identity: pick(removable) });
    case "controls set_role": return control({ action: "set_role", identity: ids.participant, role: "participant" });
    case "controls lock": return control({ action: "lock", locked: false });
    case "controls restrict": return control({ action: "restrict", chatHostsOnly: false });
    case "controls lower_hand": return control({ action: "lower_hand", identity: ids.target });
    case "controls end": return control({ action: "end" });
    case "lobby list": return ctx.get(`${base}/lobby`);
    case "lobby admit": return ctx.post(`${base}/lobby`, { data: { action: "admit", identity: pick(knockers) } });
    case "meeting update": return ctx.patch(base, { data: { title: "Matrix (renamed)" } });
    case "meeting read": return ctx.get(base);
    case "chat read": return ctx.get(`${base}/chat`);
    case "chat send": return ctx.post(`${base}/chat`, { data: { clientId: crypto.randomUUID(), body: "matrix", sentAt: new Date().toISOString() } });
    case "token": return ctx.post(`${base}/token`);
    case "knock": return ctx.post(`${base}/knock`);
    case "hand": return ctx.post(`${base}/hand`, { data: { raised: true } });
    case "reaction": return ctx.post(`${base}/reaction`, { data: { emoji: "👍" } });
    case "captions start": return ctx.post(`${base}/captions`, { data: { enabled: true } });
    case "caption publish": return ctx.post(`${base}/transcript`, { data: caption() });
    case "transcript read": return ctx.get(`${base}/transcript`);
    case "voice activity": return ctx.post(`${base}/voice`, { data: { speaking: true } });
    case "captions server": return ctx.post(`${base}/captions`, { data: { server: true } });
    case "captions stop": return ctx.post(`${base}/captions`, { data: { enabled: false } });
    case "recording start": return ctx.post(`${base}/recordings`, { data: { mimeType: "video/webm" } });
    case "recordings list": return ctx.get(`${base}/recordings`);
    case "recording read": return ctx.get(`/api/recordings/${recordingId}`);
    case "recording rename": return ctx.patch(`/api/recordings/${recordingId}`, { data: { title: "Matrix recording" } });
    case "recording process": return ctx.post(`/api/recordings/${recordingId}/processed`);
    case "recording stop": return ctx.post(`/api/recordings/${recordingId}/stop`);
    default: throw new Error(`no request for ${action}`);
  }
}

function caption() {
  const endedAt = new Date();
  return { segmentId: crypto.randomUUID(), final: true, language: "en", startedAt: new Date(endedAt.getTime() - 2000).toISOString(), endedAt: endedAt.toISOString(), text: "matrix" };
}

const allowedCount = (action: string) => EXPECTED[action].filter((s) => s >= 200 && s < 300).length;
const count = async (sql: string) => Number((await queryDb<{ n: string }>(sql, [meetingId]))[0].n);

/** What each allowed action must have changed, checked right after its row. */
const EFFECTS: Record<string, (bodies: unknown[]) => Promise<void>> = {
  "controls mute": async () => expect.poll(async () => (await presence.remote("removable 2", ids.target))?.micMuted).toBe(true),
  "controls remove": async () => {
    for (const i of [0, 1]) await expect.poll(() => presence.state(`removable ${i}`)).toBe("disconnected");
    expect(await presence.state("removable 2")).toBe("connected");
    expect(await count("select count(*) as n from lobby_requests where meeting_id = $1 and status = 'removed'")).toBe(2);
  },
  "lobby admit": async () => {
    expect(await count("select count(*) as n from lobby_requests where meeting_id = $1 and status = 'admitted'")).toBe(allowedCount("lobby admit"));
  },
  "meeting update": async () => expect((await queryDb<{ title: string }>("select title from meetings where id = $1", [meetingId]))[0].title).toBe("Matrix (renamed)"),
  "chat send": async () => expect(await count("select count(*) as n from chat_messages where meeting_id = $1 and body = 'matrix'")).toBe(allowedCount("chat send")),
  hand: async () => {
    for (const who of ["host", "cohost", "participant", "viewer", "guest"]) {
      await expect.poll(async () => (await presence.remote("removable 2", ids[who] ?? ""))?.attributes.hand ?? "", { message: who }).not.toBe("");
    }
  },
  "caption publish": async () => expect(await count("select count(*) as n from transcript_segments where meeting_id = $1")).toBe(allowedCount("caption publish")),
  "recording start": async () => expect(await count("select count(*) as n from recordings where meeting_id = $1")).toBe(1 + allowedCount("recording start")),
  "recordings list": async (bodies) => {
    const seen = bodies.map((b) => (b as { recordings?: unknown[] } | null)?.recordings?.length ?? null);
    // Hosts see all three; nobody else sees a recording that was not shared.
    expect(seen).toEqual([3, 3, 0, 0, 0, null, null, null, null]);
  },
  "controls end": async () => expect((await queryDb<{ status: string }>("select status from meetings where id = $1", [meetingId]))[0].status).toBe("ended"),
};

test(`authorization matrix: ${Object.keys(EXPECTED).length} actions × ${PRINCIPALS.length} callers`, async () => {
  test.setTimeout(300_000);
  ids.guest = (await grantFor(contexts.guest)).self.identity;
  const actual: Record<string, number[]> = {};
  // "controls end" is last in the table on purpose: it ends the meeting for everyone.
  for (const action of Object.keys(EXPECTED)) {
    actual[action] = [];
    const bodies: unknown[] = [];
    for (const [column, who] of PRINCIPALS.entries()) {
      const response = await call(contexts[who], action, column);
      const status = response.status();
      const body = status === 204 ? null : await response.json();
      if (status >= 400) expect(body.error.message, `${action} as ${who}`).toBeTruthy();
      actual[action].push(status);
      bodies.push(status < 300 ? body : null);
    }
    expect(actual[action], action).toEqual(EXPECTED[action]);
    await EFFECTS[action]?.(bodies);
  }
});
