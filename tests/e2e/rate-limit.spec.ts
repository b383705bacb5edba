import { request as playwrightRequest, type APIResponse } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * Abuse limits as a client meets them: hammering the token route ends in a 429 that says when to
 * try again, without locking anyone else out; ordinary chatting never gets near a limit.
 */

// Bounds the loop so a missing limit fails the test instead of running forever (the token limit
// is 60 per minute, times RATE_LIMIT_MULTIPLIER).
const MAX_ATTEMPTS = 1_000;

test("a guest asking for tokens in a loop gets 429 with Retry-After; the host is unaffected", async ({ baseURL }) => {
  const host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host });
  const guest = await playwrightRequest.newContext({ baseURL });
  try {
    const created = await host.post("/api/meetings", { data: { title: "Rate limits" } });
    expect(created.status()).toBe(201);
    const code = (await created.json()).meeting.code as string;
    expect((await guest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Hasty Guest" } })).status()).toBe(201);

    let limited: APIResponse | undefined;
    let granted = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !limited; attempt++) {
      const response = await guest.post(`/api/meetings/${code}/token`);
      if (response.status() === 429) limited = response;
      else {
        expect(response.status(), await response.text()).toBe(200);
        granted++;
      }
    }
    expect(limited, `no 429 after ${MAX_ATTEMPTS} token requests`).toBeDefined();
    expect(granted).toBeGreaterThan(0);

    const retryAfter = limited!.headers()["retry-after"];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(limited!.headers()["content-type"]).toContain("application/json");
    const { error } = await limited!.json();
    expect(error.code).toBe("too_many_requests:token");
    expect(error.message).toMatch(/^Too many requests\. Try again in \d+ seconds?\.$/);

    // The limit is the guest's own: the host of the same meeting still gets in.
    expect((await host.post(`/api/meetings/${code}/token`)).status()).toBe(200);
  } finally {
    await Promise.all([host.dispose(), guest.dispose()]);
  }
});

test("a burst of 20 chat messages is stored in full", async ({ baseURL }) => {
  const host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host });
  try {
    const created = await host.post("/api/meetings", { data: { title: "Chatty" } });
    const code = (await created.json()).meeting.code as string;
    const bodies = Array.from({ length: 20 }, (_, i) => `burst message ${i + 1}`);
    for (const body of bodies) {
      const response = await host.post(`/api/meetings/${code}/chat`, {
        data: { clientId: crypto.randomUUID(), body, sentAt: new Date().toISOString() },
      });
      expect(response.status(), await response.text()).toBe(201);
    }
    const history = await (await host.get(`/api/meetings/${code}/chat`)).json();
    // Sent within the same milliseconds, so compared as a set: none lost, none doubled.
    expect(history.messages.map((m: { body: string }) => m.body).sort()).toEqual([...bodies].sort());
  } finally {
    await host.dispose();
  }
});
