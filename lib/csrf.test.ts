import { afterEach, describe, expect, it, vi } from "vitest";
import { isAllowedByCsrfRule, type CsrfInput } from "./csrf";

const APP = "https://meet.example.org";
const allow = true;
const refuse = false;

// method, Sec-Fetch-Site, Origin, Host, APP_URL → expected
const TABLE: Array<[string, string | null, string | null, string | null, string | undefined, boolean]> = [
  // Safe methods never change state.
  ["GET", "cross-site", "https://evil.example", "meet.example.org", APP, allow],
  ["HEAD", "cross-site", null, "meet.example.org", APP, allow],
  ["OPTIONS", "cross-site", "https://evil.example", "meet.example.org", APP, allow],
  // Our own page, per the browser.
  ["POST", "same-origin", APP, "meet.example.org", APP, allow],
  ["POST", "same-origin", null, "meet.example.org", APP, allow],
  ["DELETE", "Same-Origin", null, "meet.example.org", APP, allow],
  // Started by the user (address bar, bookmark).
  ["POST", "none", null, "meet.example.org", APP, allow],
  // Other sites, including sibling subdomains (same-site), whatever the method.
  ["POST", "cross-site", "https://evil.example", "meet.example.org", APP, refuse],
  ["PATCH", "cross-site", "https://evil.example", "meet.example.org", APP, refuse],
  ["PUT", "cross-site", "https://evil.example", "meet.example.org", APP, refuse],
  ["DELETE", "cross-site", "https://evil.example", "meet.example.org", APP, refuse],
  ["POST", "same-site", "https://uploads.example.org", "meet.example.org", APP, refuse],
  ["POST", "cross-site", null, "meet.example.org", APP, refuse],
  ["POST", "same-site", null, "meet.example.org", APP, refuse],
  ["POST", "cross-site", "null", "meet.example.org", APP, refuse],
  // Browsers without Sec-Fetch-Site: Origin decides, compared with APP_URL's origin.
  ["POST", null, APP, "meet.example.org", APP, allow],
  ["POST", null, "https://evil.example", "meet.example.org", APP, refuse],
  ["POST", null, "http://meet.example.org", "meet.example.org", APP, refuse],
  ["POST", null, "https://meet.example.org:8443", "meet.example.org", APP, refuse],
  ["POST", null, "https://meet.example.org.evil.example", "meet.example.org", APP, refuse],
  ["POST", null, "null", "meet.example.org", APP, refuse],
  ["POST", null, "not a url", "meet.example.org", APP, refuse],
  ["POST", null, `${APP}/path`, "meet.example.org", APP, refuse],
  // Origin equal to APP_URL's origin is ours even when Host differs (a proxy rewrote it).
  ["POST", "cross-site", APP, "10.0.0.5:3000", APP, allow],
  // Without APP_URL, Origin is compared with Host.
  ["POST", null, "http://localhost:3000", "localhost:3000", undefined, allow],
  ["POST", null, "https://localhost:3000", "localhost:3000", undefined, allow],
  ["POST", null, "http://localhost:3001", "localhost:3000", undefined, refuse],
  ["POST", null, "http://evil.example", "localhost:3000", undefined, refuse],
  ["POST", null, "http://localhost:3000", null, undefined, refuse],
  // Neither header: not a browser (curl, servers, Playwright's APIRequestContext), with or without cookies.
  ["POST", null, null, "meet.example.org", APP, allow],
  ["DELETE", null, null, null, undefined, allow],
];

describe("CSRF rule", () => {
  it.each(TABLE)("%s  sec-fetch-site=%s  origin=%s  host=%s  APP_URL=%s → %s", (method, secFetchSite, origin, host, appUrl, expected) => {
    const input: CsrfInput = { method, secFetchSite, origin, host, appUrl };
    expect(isAllowedByCsrfRule(input)).toBe(expected);
  });
});

describe("route() with the CSRF check", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function loadRoute() {
    vi.stubEnv("AUTH_SECRET", "x".repeat(32));
    vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
    vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
    vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
    vi.stubEnv("APP_URL", APP);
    return (await import("./http")).route;
  }
  const post = (headers: Record<string, string>) => new Request(`${APP}/api/x`, { method: "POST", headers });

  it("answers a cross-site POST with 403 forbidden:csrf and a readable JSON message, without running the handler", async () => {
    const route = await loadRoute();
    const handler = vi.fn(async () => Response.json({ ok: true }));
    const response = await route(handler)(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), {});
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("application/json");
    const { error } = await response.json();
    expect(error.code).toBe("forbidden:csrf");
    expect(error.message).toMatch(/another website/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler for our own page and for non-browser clients", async () => {
    const route = await loadRoute();
    const handler = route(async () => Response.json({ ok: true }));
    expect((await handler(post({ origin: APP, "sec-fetch-site": "same-origin" }), {})).status).toBe(200);
    expect((await handler(post({ cookie: "authjs.session-token=abc" }), {})).status).toBe(200);
  });

  it("lets a route opt out (signed webhooks)", async () => {
    const route = await loadRoute();
    const handler = route(async () => Response.json({ ok: true }), { csrf: false });
    expect((await handler(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), {})).status).toBe(200);
  });
});
