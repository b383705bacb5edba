import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * Bad input gets a readable JSON 4xx, never a 5xx: malformed JSON, wrong types,
 * unknown meeting codes, someone else's meeting, nobody signed in.
 */
let host: APIRequestContext;
let other: APIRequestContext;
let anonymous: APIRequestContext;
let code: string;

test.beforeAll(async ({ baseURL }) => {
  host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host });
  other = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.other });
  anonymous = await playwrightRequest.newContext({ baseURL });
  const created = await host.post("/api/meetings", { data: { title: "Host's own" } });
  expect(created.status()).toBe(201);
  code = (await created.json()).meeting.code;
});

test.afterAll(async () => {
  await Promise.all([host?.dispose(), other?.dispose(), anonymous?.dispose()]);
});

async function expectJsonError(response: APIResponse, status: number, code?: RegExp) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(5);
  if (code) expect(body.error.code).toMatch(code);
  return body.error as { code: string; message: string; fields?: Record<string, string[]> };
}

// A Buffer is sent byte for byte (a string would be JSON-encoded by Playwright).
const json = (body: string) => ({ headers: { "content-type": "application/json" }, data: Buffer.from(body) });

test("malformed JSON → 400 with a readable message", async () => {
  await expectJsonError(await host.post("/api/meetings", json("{title:")), 400, /malformed_json/);
  await expectJsonError(await host.post(`/api/meetings/${code}/chat`, json("[")), 400, /malformed_json/);
  await expectJsonError(await anonymous.post(`/api/meetings/${code}/guest`, json("nope")), 400, /malformed_json/);
});

test("wrong types name the offending field", async () => {
  const e1 = await expectJsonError(await host.post("/api/meetings", { data: { title: 42 } }), 400, /validation/);
  expect(Object.keys(e1.fields ?? {})).toContain("title");
  const e2 = await expectJsonError(await host.post("/api/meetings", { data: { scheduledStart: "next tuesday" } }), 400);
  expect(Object.keys(e2.fields ?? {})).toContain("scheduledStart");
  const e3 = await expectJsonError(
    await host.post(`/api/meetings/${code}/chat`, { data: { clientId: "not-a-uuid", body: "", sentAt: 5 } }),
    400,
  );
  expect(Object.keys(e3.fields ?? {}).sort()).toEqual(["body", "clientId", "sentAt"]);
  const e4 = await expectJsonError(await anonymous.post(`/api/meetings/${code}/guest`, { data: { displayName: "" } }), 400);
  expect(Object.keys(e4.fields ?? {})).toEqual(["displayName"]);
  await expectJsonError(await host.post("/api/meetings", { headers: { "content-type": "text/plain" }, data: Buffer.from("title=x") }), 415);
  await expectJsonError(await host.post("/api/meetings", { data: { title: "x".repeat(70_000) } }), 413);
});

test("unknown or malformed meeting codes → 404", async () => {
  for (const bad of ["zzz-zzzz-zzz", "not-a-code", "%27%20or%201%3D1"]) {
    await expectJsonError(await host.get(`/api/meetings/${bad}`), 404, /not_found:meeting/);
    await expectJsonError(await host.post(`/api/meetings/${bad}/token`), 404);
    await expectJsonError(await anonymous.post(`/api/meetings/${bad}/guest`, { data: { displayName: "X" } }), 404);
    await expectJsonError(await host.post(`/api/meetings/${bad}/chat`, { data: { clientId: crypto.randomUUID(), body: "x", sentAt: new Date().toISOString() } }), 404);
  }
});

test("someone else's meeting: changing it is forbidden", async () => {
  await expectJsonError(await other.patch(`/api/meetings/${code}`, { data: { title: "Hijacked" } }), 403, /forbidden/);
  const own = await host.patch(`/api/meetings/${code}`, { data: { title: "Renamed by host" } });
  expect(own.status()).toBe(200);
  expect((await own.json()).meeting.title).toBe("Renamed by host");
});

test("nobody signed in → 401 on everything that needs an identity", async () => {
  await expectJsonError(await anonymous.get("/api/meetings"), 401);
  await expectJsonError(await anonymous.post("/api/meetings", { data: {} }), 401);
  await expectJsonError(await anonymous.post(`/api/meetings/${code}/token`), 401);
  await expectJsonError(await anonymous.get(`/api/meetings/${code}/chat`), 401);
  await expectJsonError(await anonymous.patch(`/api/meetings/${code}`, { data: { title: "x" } }), 401);
});

test("a guest identity works only in its own meeting", async () => {
  const second = await host.post("/api/meetings", { data: { title: "Second" } });
  const secondCode = (await second.json()).meeting.code as string;
  const guest = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    expect((await guest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Gus" } })).status()).toBe(201);
    const token = await guest.post(`/api/meetings/${code}/token`);
    expect(token.status()).toBe(200);
    const body = await token.json();
    expect(body.self.role).toBe("guest");
    const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString());
    expect(claims.video).toMatchObject({ room: code, roomJoin: true, roomAdmin: false });
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(600);
    await expectJsonError(await guest.post(`/api/meetings/${secondCode}/token`), 401);
    await expectJsonError(await guest.patch(`/api/meetings/${code}`, { data: { title: "x" } }), 403);
  } finally {
    await guest.dispose();
  }
});

test("a guest in a view-only meeting gets a token without publish rights", async ({ baseURL }) => {
  const created = await host.post("/api/meetings", { data: { title: "Webinar", settings: { guestsCanPublish: false } } });
  const webinar = (await created.json()).meeting.code as string;
  const guest = await playwrightRequest.newContext({ baseURL });
  try {
    const joined = await guest.post(`/api/meetings/${webinar}/guest`, { data: { displayName: "Listener" } });
    expect((await joined.json()).guest.canPublish).toBe(false);
    const body = await (await guest.post(`/api/meetings/${webinar}/token`)).json();
    expect(body.self).toMatchObject({ role: "guest", canPublish: false });
    const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString());
    expect(claims.video).toMatchObject({ room: webinar, roomJoin: true, canSubscribe: true, canPublishData: true, canPublish: false });
    // The host of the same meeting keeps the right to publish (and, like everyone, no room admin).
    const hostClaims = JSON.parse(Buffer.from((await (await host.post(`/api/meetings/${webinar}/token`)).json()).token.split(".")[1], "base64url").toString());
    expect(hostClaims.video).toMatchObject({ canPublish: true, roomAdmin: false });
  } finally {
    await guest.dispose();
  }
});
