import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { expect, launchBrowser, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { RoomPresence, type RoomGrant } from "../helpers/room-presence";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Who is in a meeting: the lobby, the lock, removals and bans hold for every meeting route and for
 * the room itself, not only for the token route. Each test is an attack that worked before.
 */

const disposables: Array<{ dispose(): Promise<void> } | { close(): Promise<void> }> = [];
test.afterEach(async () => {
  for (const d of disposables.splice(0)) await ("dispose" in d ? d.dispose() : d.close());
});

async function status(response: APIResponse): Promise<{ status: number; code: string | null }> {
  const body = response.status() === 204 ? null : await response.json().catch(() => null);
  return { status: response.status(), code: body?.error?.code ?? null };
}

async function context(baseURL: string, storageState?: string | Awaited<ReturnType<APIRequestContext["storageState"]>>) {
  const ctx = await playwrightRequest.newContext({ baseURL, storageState });
  disposables.push(ctx);
  return ctx;
}

async function newMeeting(host: APIRequestContext, settings?: Record<string, unknown>): Promise<string> {
  const { meeting } = await (await host.post("/api/meetings", { data: { title: "Admission" } })).json();
  if (settings) expect((await host.patch(`/api/meetings/${meeting.code}`, { data: { settings } })).status()).toBe(200);
  return meeting.code;
}

async function guest(baseURL: string, code: string, name: string): Promise<APIRequestContext> {
  const ctx = await context(baseURL);
  expect((await ctx.post(`/api/meetings/${code}/guest`, { data: { displayName: name } })).status()).toBe(201);
  return ctx;
}

async function grant(ctx: APIRequestContext, code: string): Promise<RoomGrant & { self: { identity: string } }> {
  const response = await ctx.post(`/api/meetings/${code}/token`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

async function openPresence(baseURL: string): Promise<RoomPresence> {
  const browser = await launchBrowser();
  disposables.push(browser);
  return RoomPresence.open(browser, baseURL);
}

/** Every meeting route someone outside the room must not reach. */
function outsiderRequests(ctx: APIRequestContext, code: string) {
  const base = `/api/meetings/${code}`;
  return {
    "captions on": () => ctx.post(`${base}/captions`, { data: { enabled: true } }),
    "transcript read": () => ctx.get(`${base}/transcript`),
    "chat read": () => ctx.get(`${base}/chat`),
    "chat send": () => ctx.post(`${base}/chat`, { data: { clientId: crypto.randomUUID(), body: "let me in", sentAt: new Date().toISOString() } }),
    "recordings list": () => ctx.get(`${base}/recordings`),
    "meeting read": () => ctx.get(base),
    "hand": () => ctx.post(`${base}/hand`, { data: { raised: true } }),
  };
}

test("the lobby and the lock keep people with only the link out of chat, captions, transcript and recordings", async ({ baseURL, browser }) => {
  const host = await context(baseURL!, STORAGE.host);
  const code = await newMeeting(host, { lobby: "everyone" });
  const meetingId = (await queryDb<{ id: string }>("select id from meetings where code = $1", [code]))[0].id;
  // A signed-in stranger (never let in) and a guest waiting in the lobby.
  const stranger = await context(baseURL!, STORAGE.other);
  const waiting = await guest(baseURL!, code, "Waiting guest");
  expect((await waiting.post(`/api/meetings/${code}/knock`)).status()).toBe(202);
  for (const [who, ctx] of [["stranger", stranger], ["waiting guest", waiting]] as const) {
    for (const [what, send] of Object.entries(outsiderRequests(ctx, code))) {
      expect(await status(await send()), `${what} as ${who}`).toEqual({ status: 403, code: "forbidden:lobby" });
    }
  }
  // Nothing they sent took effect.
  const settings = (await queryDb<{ settings: { captions?: boolean } }>("select settings from meetings where id = $1", [meetingId]))[0].settings;
  expect(settings.captions ?? false).toBe(false);
  expect(await queryDb("select 1 from chat_messages where meeting_id = $1", [meetingId])).toHaveLength(0);

  // The transcript page answers a stranger as if there were no such meeting.
  const strangerPage = await (await browser.newContext({ storageState: STORAGE.other })).newPage();
  await strangerPage.goto(`/m/${code}/transcript`);
  await expect(strangerPage.getByText(`No meeting has the code ${code}`)).toBeVisible();
  await strangerPage.context().close();

  // Locked, without a lobby: a newcomer is refused too.
  expect((await host.patch(`/api/meetings/${code}`, { data: { settings: { lobby: "off", locked: true } } })).status()).toBe(200);
  const late = await guest(baseURL!, code, "Late guest");
  for (const [what, send] of Object.entries(outsiderRequests(late, code))) {
    expect(await status(await send()), `${what} in a locked meeting`).toEqual({ status: 403, code: "forbidden:locked" });
  }
});

test("a banned guest cannot come back with a new guest name, nor a banned user after signing out", async ({ baseURL, newPerson }) => {
  const host = await context(baseURL!, STORAGE.host);
  const code = await newMeeting(host);

  // A guest in the room, in a real browser: the host bans them.
  const guestPage = new MeetingPage(await (await newPerson()).newPage());
  await guestPage.joinAsGuest(code, "Troll");
  const [{ id: identity }] = await queryDb<{ id: string }>("select g.id from guests g join meetings m on m.id = g.meeting_id where m.code = $1 and g.display_name = 'Troll'", [code]);
  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity, ban: true } })).status()).toBe(200);
  await expect(guestPage.page.getByText("A host removed you from the meeting. You can't rejoin it.")).toBeVisible();
  // The same browser asks for a fresh guest identity, and for a token with it.
  await expect.poll(async () => (await status(await guestPage.page.request.post(`/api/meetings/${code}/guest`, { data: { displayName: "Not a troll" } }))).status).toBe(403);
  expect(await status(await guestPage.page.request.post(`/api/meetings/${code}/token`))).toEqual({ status: 403, code: "forbidden:banned" });

  // A signed-in user is banned, signs out (the session cookie goes), and tries as a guest or another account.
  const user = await context(baseURL!, STORAGE.viewer);
  const userId = (await grant(user, code)).self.identity;
  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity: userId, ban: true } })).status()).toBe(200);
  expect(await status(await user.get(`/api/meetings/${code}/knock`))).toEqual({ status: 403, code: "forbidden:banned" });
  const state = await user.storageState();
  const signedOut = { ...state, cookies: state.cookies.filter((c) => !c.name.includes("session-token")) };
  expect(signedOut.cookies.length).toBeLessThan(state.cookies.length);
  const asGuest = await context(baseURL!, signedOut);
  expect(await status(await asGuest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Someone else" } }))).toEqual({ status: 403, code: "forbidden:banned" });
  const other = await context(baseURL!, STORAGE.cohost);
  const otherAccount = await context(baseURL!, { ...(await other.storageState()), cookies: [...(await other.storageState()).cookies, ...signedOut.cookies.filter((c) => c.name.startsWith("parley_ban_"))] });
  expect(await status(await otherAccount.post(`/api/meetings/${code}/token`))).toEqual({ status: 403, code: "forbidden:banned" });
  // The marker binds to that browser only: the host, and anyone else, still get in.
  expect((await host.post(`/api/meetings/${code}/token`)).status()).toBe(200);
  expect((await other.post(`/api/meetings/${code}/token`)).status()).toBe(200);
});

test("someone removed without a ban must knock to come back, even in a locked meeting; a token minted before a ban does not connect", async ({ baseURL }) => {
  const host = await context(baseURL!, STORAGE.host);
  const code = await newMeeting(host);
  const presence = await openPresence(baseURL!);
  const kicked = await guest(baseURL!, code, "Kicked");
  const kickedGrant = await grant(kicked, code);
  await presence.join("kicked", kickedGrant);
  const meetingId = (await queryDb<{ id: string }>("select id from meetings where code = $1", [code]))[0].id;
  await expect.poll(async () => (await queryDb("select 1 from participant_sessions where meeting_id = $1 and identity = $2", [meetingId, kickedGrant.self.identity])).length).toBeGreaterThan(0);

  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity: kickedGrant.self.identity } })).status()).toBe(200);
  await expect.poll(() => presence.state("kicked")).toBe("disconnected");
  // A reload asks for a token: the lobby, although the meeting has none.
  expect(await status(await kicked.post(`/api/meetings/${code}/token`))).toEqual({ status: 403, code: "forbidden:lobby" });
  expect(await status(await kicked.get(`/api/meetings/${code}/chat`))).toEqual({ status: 403, code: "forbidden:lobby" });
  // The token they held still connects (livekit-server ignores revocation), and the room shows them out at once.
  await presence.join("kicked again", kickedGrant).catch(() => undefined);
  await expect.poll(() => presence.state("kicked again").catch(() => "never connected")).not.toBe("connected");
  // Locked: they may not even knock.
  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "lock", locked: true } })).status()).toBe(200);
  expect(await status(await kicked.post(`/api/meetings/${code}/token`))).toEqual({ status: 403, code: "forbidden:locked" });
  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "lock", locked: false } })).status()).toBe(200);
  // They knock, a host lets them in, and they are back.
  expect((await kicked.post(`/api/meetings/${code}/knock`)).status()).toBe(202);
  const { requests } = await (await host.get(`/api/meetings/${code}/lobby`)).json();
  expect(requests.map((r: { identity: string }) => r.identity)).toEqual([kickedGrant.self.identity]);
  expect((await host.post(`/api/meetings/${code}/lobby`, { data: { action: "admit", identity: kickedGrant.self.identity } })).status()).toBe(200);
  await presence.join("kicked, let back in", await grant(kicked, code));

  // A guest holds a token, is banned while out of the room, then connects with the old token: shown out at once.
  const troll = await guest(baseURL!, code, "Troll");
  const trollGrant = await grant(troll, code);
  expect((await host.post(`/api/meetings/${code}/controls`, { data: { action: "remove", identity: trollGrant.self.identity, ban: true } })).status()).toBe(200);
  await presence.join("troll", trollGrant).catch(() => undefined);
  await expect.poll(() => presence.state("troll").catch(() => "never connected")).not.toBe("connected");
  expect(await presence.state("kicked, let back in")).toBe("connected");
});

test("settings changed by PATCH reach the people already in the room", async ({ baseURL }) => {
  const host = await context(baseURL!, STORAGE.host);
  const code = await newMeeting(host);
  const presence = await openPresence(baseURL!);
  const visitor = await guest(baseURL!, code, "Visitor");
  await presence.join("visitor", await grant(visitor, code));
  expect(await presence.permissions("visitor")).toMatchObject({ canPublish: true, canPublishData: true });

  expect((await host.patch(`/api/meetings/${code}`, { data: { settings: { guestsCanPublish: false, chatHostsOnly: true } } })).status()).toBe(200);
  await expect.poll(() => presence.permissions("visitor")).toMatchObject({ canPublish: false, canPublishData: false });

  expect((await host.patch(`/api/meetings/${code}`, { data: { settings: { allowGuests: false } } })).status()).toBe(200);
  await expect.poll(() => presence.state("visitor")).toBe("disconnected");
});
