import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Nobody's own LiveKit token opens LiveKit's server API (RoomService over Twirp): host controls go
 * through our server, which checks our record of the role. A co-host who could call it directly
 * could remove the host, declare itself host in its metadata (which the UI shows), hide a running
 * recording by rewriting room metadata, and send sender-less packets clients take for the server's.
 */

type TokenBody = { token: string; url: string; self: { identity: string; role: string } };

async function tokenFor(ctx: APIRequestContext, code: string): Promise<TokenBody> {
  const response = await ctx.post(`/api/meetings/${code}/token`);
  expect(response.status()).toBe(200);
  return response.json();
}

const videoGrant = (token: string) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).video as Record<string, unknown>;

/** Calls RoomService the way a browser holding this token could; returns LiveKit's status. */
async function twirpAs(body: TokenBody, method: string, payload: object): Promise<number> {
  // LiveKit serves its HTTP API on the same host and port as the WebSocket the token route hands out.
  const base = body.url.replace(/^ws(s?):\/\//, "http$1://").replace(/\/$/, "");
  const response = await fetch(`${base}/twirp/livekit.RoomService/${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${body.token}`, "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return response.status;
}

test("a co-host's own token cannot call LiveKit's RoomService; the host stays in the room", async ({ newPerson }) => {
  // Two browsers join one room on a 2-core machine shared with other suites: more than the default.
  test.setTimeout(240_000);
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Admin rights");
  const host = new MeetingPage(hostPage);
  await host.join();
  const hostIdentity = (await tokenFor(hostPage.request, code)).self.identity;

  // Cora becomes a member by asking for a token, the host promotes her, and she joins.
  const cohostPage = await (await newPerson({ storageState: STORAGE.cohost })).newPage();
  const cohostIdentity = (await tokenFor(cohostPage.request, code)).self.identity;
  const promoted = await hostPage.request.post(`/api/meetings/${code}/controls`, { data: { action: "set_role", identity: cohostIdentity, role: "co_host" } });
  expect(promoted.status()).toBe(200);
  const cohost = new MeetingPage(cohostPage);
  await cohost.open(code);
  await cohost.join();
  await host.openPanel("Participants");
  const coraRow = host.participantItems().filter({ hasText: "Cora Cohost" });
  await expect(coraRow).toContainText("Co-host");

  const stolen = await tokenFor(cohostPage.request, code);
  expect(stolen.self.role).toBe("co_host");
  // Soft, like the calls below: a failure shows every hole at once, not just the first.
  expect.soft(videoGrant(stolen.token).roomAdmin, "roomAdmin in the co-host's token").toBeFalsy();

  const refused = [401, 403];
  const forgedNotice = Buffer.from(JSON.stringify({ type: "removed", banned: true })).toString("base64");
  expect.soft(refused, "UpdateParticipant (own metadata)").toContain(
    await twirpAs(stolen, "UpdateParticipant", { room: code, identity: cohostIdentity, metadata: JSON.stringify({ role: "host", kind: "user" }) }),
  );
  expect.soft(refused, "UpdateRoomMetadata").toContain(await twirpAs(stolen, "UpdateRoomMetadata", { room: code, metadata: "{}" }));
  expect.soft(refused, "SendData").toContain(
    await twirpAs(stolen, "SendData", { room: code, data: forgedNotice, kind: "RELIABLE", topic: "parley.control", destination_identities: [hostIdentity] }),
  );
  expect.soft(refused, "RemoveParticipant (the host)").toContain(await twirpAs(stolen, "RemoveParticipant", { room: code, identity: hostIdentity }));

  // What the host sees: still connected, not told it was removed, Cora still a co-host. Cora then
  // raises her hand through our server; LiveKit finished any removal before answering above, so the
  // hand reaching the host shows the host's connection outlived every call.
  await expect(host.room).toHaveAttribute("data-connection-state", "connected");
  expect((await cohostPage.request.post(`/api/meetings/${code}/hand`, { data: { raised: true } })).status()).toBe(200);
  await expect(coraRow).toHaveAttribute("data-hand-raised", "true");
  await expect(coraRow).toContainText("Co-host");
  await expect(host.participantItems()).toHaveCount(2);
  await expect(hostPage.getByText(/removed you/i)).toHaveCount(0);
});

test("no role's token carries room admin or the right to write its own metadata", async ({ baseURL }) => {
  const make = (storageState?: string) => playwrightRequest.newContext({ baseURL, storageState });
  const contexts = {
    host: await make(STORAGE.host),
    co_host: await make(STORAGE.cohost),
    participant: await make(STORAGE.other),
    viewer: await make(STORAGE.viewer),
    guest: await make(),
  };
  try {
    const code = (await (await contexts.host.post("/api/meetings", { data: { title: "Grants" } })).json()).meeting.code as string;
    for (const role of ["co_host", "viewer"] as const) {
      const identity = (await tokenFor(contexts[role], code)).self.identity;
      expect((await contexts.host.post(`/api/meetings/${code}/controls`, { data: { action: "set_role", identity, role } })).status()).toBe(200);
    }
    expect((await contexts.guest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Gail" } })).status()).toBe(201);
    for (const [role, ctx] of Object.entries(contexts)) {
      const body = await tokenFor(ctx, code);
      expect(body.self.role).toBe(role);
      const grant = videoGrant(body.token);
      expect(grant.roomAdmin, role).toBeFalsy();
      expect(grant.canUpdateOwnMetadata, role).toBeFalsy();
      expect(grant.room, role).toBe(code);
    }
  } finally {
    await Promise.all(Object.values(contexts).map((c) => c.dispose()));
  }
});
