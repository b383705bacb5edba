import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadProxy(env: Record<string, string>) {
  vi.stubEnv("AUTH_SECRET", "x".repeat(32));
  vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
  vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
  vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return (await import("./proxy")).proxy;
}

describe("proxy", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("sends a CSP with a fresh nonce, and hands the same policy and nonce to the renderer", async () => {
    const proxy = await loadProxy({ NODE_ENV: "production", APP_URL: "http://localhost:3000", LIVEKIT_PUBLIC_URL: "wss://sfu.example.org" });
    const first = await proxy(new NextRequest("http://localhost:3000/dashboard", { headers: { "x-nonce": "forged" } }));
    const second = await proxy(new NextRequest("http://localhost:3000/dashboard"));
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("connect-src 'self' wss://sfu.example.org https://sfu.example.org");
    // NextResponse.next({ request }) passes overridden request headers this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    // Local http: no HSTS, no upgrade.
    expect(first.headers.has("strict-transport-security")).toBe(false);
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds HSTS in production over https", async () => {
    const proxy = await loadProxy({ NODE_ENV: "production", APP_URL: "https://meet.example.org" });
    const response = await proxy(new NextRequest("https://meet.example.org/"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("allows eval in development only", async () => {
    const proxy = await loadProxy({ NODE_ENV: "development", APP_URL: "https://meet.example.org" });
    const response = await proxy(new NextRequest("https://meet.example.org/"));
    expect(response.headers.get("content-security-policy")).toContain("'unsafe-eval'");
    expect(response.headers.has("strict-transport-security")).toBe(false);
  });

  it("passes a valid ?lang= on to the renderer, and drops a forged header", async () => {
    const proxy = await loadProxy({ NODE_ENV: "production", APP_URL: "http://localhost:3000" });
    const chosen = await proxy(new NextRequest("http://localhost:3000/?lang=zh-CN"));
    expect(chosen.headers.get("x-middleware-request-x-parley-locale")).toBe("zh-CN");
    const forged = await proxy(new NextRequest("http://localhost:3000/?lang=xx", { headers: { "x-parley-locale": "zh-CN" } }));
    expect(forged.headers.get("x-middleware-request-x-parley-locale")).toBeNull();
  });

  it("lets nobody else frame a page that is not an embed", async () => {
    const proxy = await loadProxy({ NODE_ENV: "production", APP_URL: "http://localhost:3000", EMBED_ALLOWED_ORIGINS: "https://partner.example" });
    const response = await proxy(new NextRequest("http://localhost:3000/m/abc-defg-hij"));
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'(;|$)/);
  });
});
