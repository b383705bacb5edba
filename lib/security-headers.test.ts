import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, livekitOrigins, strictTransportSecurity, type CspInput } from "./security-headers";

const base: CspInput = { nonce: "bm9uY2Vub25jZW5vbmNl", development: false, livekitUrl: "ws://127.0.0.1:7880", https: false, oauthProviders: [] };
const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only: no 'unsafe-inline', no 'unsafe-eval' in production", () => {
    const script = directives(contentSecurityPolicy(base)).get("script-src")!;
    expect(script).toEqual(["'self'", "'nonce-bm9uY2Vub25jZW5vbmNl'", "'strict-dynamic'"]);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("is the policy we document, for a local setup", () => {
    expect(contentSecurityPolicy(base)).toBe(
      [
        "default-src 'self'",
        "script-src 'self' 'nonce-bm9uY2Vub25jZW5vbmNl' 'strict-dynamic'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "media-src 'self' blob: mediastream:",
        "connect-src 'self' ws://127.0.0.1:7880 http://127.0.0.1:7880",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
      ].join("; "),
    );
  });

  it("lets the browser reach LiveKit over the matching secure schemes, and upgrades requests on https", () => {
    const csp = directives(contentSecurityPolicy({ ...base, livekitUrl: "wss://sfu.example.org/", https: true }));
    expect(csp.get("connect-src")).toEqual(["'self'", "wss://sfu.example.org", "https://sfu.example.org"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
    expect(livekitOrigins("https://sfu.example.org:7443/rtc")).toEqual(["wss://sfu.example.org:7443", "https://sfu.example.org:7443"]);
  });

  it("lets sign-in forms redirect to the configured OAuth providers only", () => {
    expect(directives(contentSecurityPolicy(base)).get("form-action")).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy({ ...base, oauthProviders: ["github", "google"] })).get("form-action")).toEqual([
      "'self'",
      "https://github.com",
      "https://accounts.google.com",
    ]);
  });
});

describe("createNonce", () => {
  it("is fresh every time and in the form Next.js reads from the policy", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("strictTransportSecurity", () => {
  it("is sent in production over https only", () => {
    expect(strictTransportSecurity({ production: true, https: true })).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity({ production: true, https: false })).toBeNull();
    expect(strictTransportSecurity({ production: false, https: true })).toBeNull();
  });
});
