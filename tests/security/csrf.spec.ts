import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * The CSRF rule (lib/csrf.ts) against the running server, with the signed-in host's cookies: what
 * a browser labels as coming from another site is refused before the handler runs; our own pages
 * and non-browser clients get through; the signed webhook is judged by its signature only.
 * Assumes the base URL is APP_URL (as `npm test` runs it).
 */
let host: APIRequestContext;
let code: string;
let ownOrigin: string;

test.beforeAll(async ({ baseURL }) => {
  host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host });
  ownOrigin = new URL(baseURL!).origin;
  const created = await host.post("/api/meetings", { data: { title: "CSRF" } });
  expect(created.status()).toBe(201);
  code = (await created.json()).meeting.code;
});

test.afterAll(async () => {
  await host?.dispose();
});

const chat = () => ({ clientId: crypto.randomUUID(), body: "csrf", sentAt: new Date().toISOString() });

test("requests another site made are refused with 403 forbidden:csrf", async () => {
  const forged: Array<Record<string, string>> = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "http://sub.localhost.example", "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { origin: "null" },
  ];
  for (const headers of forged) {
    for (const response of [
      await host.post("/api/meetings", { headers, data: { title: "Forged" } }),
      await host.patch(`/api/meetings/${code}`, { headers, data: { title: "Forged" } }),
      await host.post(`/api/meetings/${code}/chat`, { headers, data: chat() }),
      await host.post(`/api/meetings/${code}/controls`, { headers, data: { action: "lock", locked: true } }),
    ]) {
      expect(response.status(), `${response.url()} ${JSON.stringify(headers)}`).toBe(403);
      expect(response.headers()["content-type"]).toContain("application/json");
      const { error } = await response.json();
      expect(error.code).toBe("forbidden:csrf");
      expect(error.message).toMatch(/another website/);
    }
  }
  // Nothing changed.
  const meeting = (await (await host.get(`/api/meetings/${code}`)).json()).meeting;
  expect(meeting).toMatchObject({ title: "CSRF", settings: { locked: false } });
});

test("our own pages, user-started requests and non-browser clients get through", async () => {
  const own: Array<Record<string, string>> = [{ "sec-fetch-site": "same-origin", origin: ownOrigin }, { "sec-fetch-site": "same-origin" }, { origin: ownOrigin }, { "sec-fetch-site": "none" }, {}];
  for (const headers of own) {
    const response = await host.post(`/api/meetings/${code}/chat`, { headers, data: chat() });
    expect(response.status(), JSON.stringify(headers)).toBe(201);
  }
});

test("reading is never refused, and the webhook is judged by its signature alone", async () => {
  const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
  expect((await host.get(`/api/meetings/${code}`, { headers: crossSite })).status()).toBe(200);
  const webhook = await host.post("/api/livekit/webhook", {
    headers: { ...crossSite, "content-type": "application/webhook+json", authorization: "not-a-signature" },
    data: Buffer.from('{"event":"room_started"}'),
  });
  expect(webhook.status()).toBe(401);
  expect((await webhook.json()).error.code).toBe("unauthorized:webhook");
});
