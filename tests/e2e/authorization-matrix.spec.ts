import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * Every privileged action × every kind of caller, against the running server.
 * "allow" means the server let the caller act (any status but 401/403 — some
 * allowed actions still answer 404/409 because their target is not in the room);
 * "deny" means 403; "anon" means 401.
 */
type Principal = "host" | "cohost" | "participant" | "viewer" | "guest" | "banned" | "outsider";
type Outcome = "allow" | "deny" | "anon";

const PRINCIPALS: Principal[] = ["host", "cohost", "participant", "viewer", "guest", "banned", "outsider"];

// host cohost participant viewer guest banned outsider
const A = "allow", D = "deny", N = "anon";
const EXPECTED: Record<string, Outcome[]> = {
  "controls mute":           [A, A, D, D, D, D, N],
  "controls request_unmute": [A, A, D, D, D, D, N],
  "controls mute_all":       [A, A, D, D, D, D, N],
  "controls remove":         [A, A, D, D, D, D, N],
  "controls set_role":       [A, D, D, D, D, D, N],
  "controls lock":           [A, A, D, D, D, D, N],
  "controls restrict":       [A, A, D, D, D, D, N],
  "controls lower_hand":     [A, A, D, D, D, D, N],
  "lobby list":              [A, A, D, D, D, D, N],
  "lobby admit":             [A, A, D, D, D, D, N],
  "meeting update":          [A, D, D, D, D, D, N],
  "meeting read":            [A, A, A, A, A, D, N],
  "chat read":               [A, A, A, A, A, D, N],
  "chat send":               [A, A, A, A, A, D, N],
  "token":                   [A, A, A, A, A, D, N],
  "knock":                   [A, A, A, A, A, D, N],
  "hand":                    [A, A, A, A, A, D, N],
  "reaction":                [A, A, A, A, A, D, N],
  "captions start":          [A, A, A, A, A, D, N],
  "caption publish":         [A, A, A, D, A, D, N],
  "voice activity":          [A, A, A, D, A, D, N],
  "transcript read":         [A, A, A, A, A, D, N],
  "captions stop":           [A, A, D, D, D, D, N],
  "recording start":         [A, A, D, D, D, D, N],
  "recordings list":         [A, A, A, A, A, D, N],
  "recording read":          [A, A, D, D, D, D, N],
  "recording rename":        [A, A, D, D, D, D, N],
  "recording process":       [A, A, D, D, D, D, N],
  "recording stop":          [A, A, D, D, D, D, N],
  "controls end":            [A, A, D, D, D, D, N],
};

const contexts = {} as Record<Principal, APIRequestContext>;
let code: string;
let targetGuest: string;
let participantId: string;
/** A finished recording the host has not shared. */
let recordingId: string;

test.beforeAll(async ({ baseURL }) => {
  const make = (storageState?: string) => playwrightRequest.newContext({ baseURL, storageState });
  contexts.host = await make(STORAGE.host);
  contexts.cohost = await make(STORAGE.cohost);
  contexts.participant = await make(STORAGE.other);
  contexts.viewer = await make(STORAGE.viewer);
  contexts.guest = await make();
  contexts.banned = await make();
  contexts.outsider = await make();

  code = (await (await contexts.host.post("/api/meetings", { data: { title: "Matrix" } })).json()).meeting.code;
  const identityOf = async (ctx: APIRequestContext) => (await (await ctx.post(`/api/meetings/${code}/token`)).json()).self.identity as string;
  // Signed-in people become members by asking for a token; then the host assigns roles.
  const cohostId = await identityOf(contexts.cohost);
  participantId = await identityOf(contexts.participant);
  const viewerId = await identityOf(contexts.viewer);
  for (const [identity, role] of [[cohostId, "co_host"], [viewerId, "viewer"]] as const) {
    expect((await contexts.host.post(`/api/meetings/${code}/controls`, { data: { action: "set_role", identity, role } })).status()).toBe(200);
  }
  for (const who of ["guest", "banned"] as const) {
    expect((await contexts[who].post(`/api/meetings/${code}/guest`, { data: { displayName: who } })).status()).toBe(201);
  }
  targetGuest = await identityOf(contexts.guest);
  const bannedId = await identityOf(contexts.banned);
  const ban = await contexts.host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity: bannedId, ban: true } });
  expect(ban.status()).toBe(200);

  recordingId = (await (await contexts.host.post(`/api/meetings/${code}/recordings`, { data: { mimeType: "video/webm" } })).json()).recording.id;
  const { url } = await (await contexts.host.post(`/api/recordings/${recordingId}/parts`, { data: { partNumber: 1 } })).json();
  const etag = (await contexts.host.put(url, { data: Buffer.from("a small recording") })).headers()["etag"];
  expect((await contexts.host.post(`/api/recordings/${recordingId}/complete`, { data: { parts: [{ partNumber: 1, etag }], durationMs: 1000 } })).status()).toBe(200);
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c?.dispose()));
});

function call(ctx: APIRequestContext, action: string) {
  const base = `/api/meetings/${code}`;
  const control = (data: object) => ctx.post(`${base}/controls`, { data });
  switch (action) {
    case "controls mute": return control({ action: "mute", identity: targetGuest, source: "microphone" });
    case "controls request_unmute": return control({ action: "request_unmute", identity: targetGuest, source: "microphone" });
    case "controls mute_all": return control({ action: "mute_all" });
    case "controls remove": return control({ action: "remove", identity: targetGuest });
    case "controls set_role": return control({ action: "set_role", identity: participantId, role: "participant" });
    case "controls lock": return control({ action: "lock", locked: false });
    case "controls restrict": return control({ action: "restrict", chatHostsOnly: false });
    case "controls lower_hand": return control({ action: "lower_hand", identity: targetGuest });
    case "controls end": return control({ action: "end" });
    case "lobby list": return ctx.get(`${base}/lobby`);
    case "lobby admit": return ctx.post(`${base}/lobby`, { data: { action: "admit", identity: "guest_nobody" } });
    case "meeting update": return ctx.patch(base, { data: { title: "Matrix" } });
    case "meeting read": return ctx.get(base);
    case "chat read": return ctx.get(`${base}/chat`);
    case "chat send": return ctx.post(`${base}/chat`, { data: { clientId: crypto.randomUUID(), body: "matrix", sentAt: new Date().toISOString() } });
    case "token": return ctx.post(`${base}/token`);
    case "knock": return ctx.post(`${base}/knock`);
    case "hand": return ctx.post(`${base}/hand`, { data: { raised: true } });
    case "reaction": return ctx.post(`${base}/reaction`, { data: { emoji: "👍" } });
    case "captions start": return ctx.post(`${base}/captions`, { data: { enabled: true } });
    // Allowed callers get 409: nobody is in the room in this test, so there is no one to relay to.
    case "caption publish": return ctx.post(`${base}/transcript`, { data: caption() });
    case "transcript read": return ctx.get(`${base}/transcript`);
    case "voice activity": return ctx.post(`${base}/voice`, { data: { speaking: true } });
    case "captions stop": return ctx.post(`${base}/captions`, { data: { enabled: false } });
    case "recording start": return ctx.post(`${base}/recordings`, { data: { mimeType: "video/webm" } });
    case "recordings list": return ctx.get(`${base}/recordings`);
    case "recording read": return ctx.get(`/api/recordings/${recordingId}`);
    case "recording rename": return ctx.patch(`/api/recordings/${recordingId}`, { data: { title: "Matrix recording" } });
    case "recording process": return ctx.post(`/api/recordings/${recordingId}/processed`);
    // Hosts get 409 (it is a browser recording, already finished): allowed to ask, nothing to stop.
    case "recording stop": return ctx.post(`/api/recordings/${recordingId}/stop`);
    default: throw new Error(`no request for ${action}`);
  }
}

function caption() {
  const endedAt = new Date();
  return { segmentId: crypto.randomUUID(), final: true, language: "en", startedAt: new Date(endedAt.getTime() - 2000).toISOString(), endedAt: endedAt.toISOString(), text: "matrix" };
}

const outcomeOf = (status: number): Outcome => (status === 401 ? "anon" : status === 403 ? "deny" : "allow");

test(`authorization matrix: ${Object.keys(EXPECTED).length} actions × ${PRINCIPALS.length} callers`, async () => {
  const actual: Record<string, Outcome[]> = {};
  const statuses: Record<string, number[]> = {};
  // "controls end" is last in the table on purpose: it ends the meeting for everyone.
  for (const action of Object.keys(EXPECTED)) {
    actual[action] = [];
    statuses[action] = [];
    for (const who of PRINCIPALS) {
      const response = await call(contexts[who], action);
      expect(response.status(), `${action} as ${who}`).toBeLessThan(500);
      if (response.status() >= 400) expect((await response.json()).error.message, `${action} as ${who}`).toBeTruthy();
      statuses[action].push(response.status());
      actual[action].push(outcomeOf(response.status()));
    }
  }
  test.info().annotations.push({ type: "statuses", description: JSON.stringify(statuses) });
  expect(actual).toEqual(EXPECTED);
});
