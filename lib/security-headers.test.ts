import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, livekitOrigins, storageOrigins, strictTransportSecurity, type CspInput } from "./security-headers";

const base: CspInput = { nonce: "bm9uY2Vub25jZW5vbmNl", development: false, livekitUrl: "ws://127.0.0.1:7880", https: false, oauthProviders: [] };
const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only: no 'unsafe-inline', no 'unsafe-eval' in production; WebAssembly may compile", () => {
    const script = directives(contentSecurityPolicy(base)).get("script-src")!;
    expect(script).toEqual(["'self'", "'nonce-bm9uY2Vub25jZW5vbmNl'", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
  });

  it("lets the browser upload recordings to S3 and play them from there, and nowhere else", () => {
    const csp = directives(contentSecurityPolicy({ ...base, storageOrigins: storageOrigins({ s3: { bucket: "rec", region: "eu-west-1", endpoint: "http://minio:9000", publicEndpoint: "https://files.example.org/base", forcePathStyle: true, accessKeyId: "a", secretAccessKey: "b" } }) }));
    for (const name of ["connect-src", "media-src", "img-src"]) expect(csp.get(name)).toContain("https://files.example.org");
    expect(csp.get("connect-src")).not.toContain("http://minio:9000");
    expect(storageOrigins({ s3: { bucket: "rec", region: "eu-west-1", endpoint: undefined, publicEndpoint: undefined, forcePathStyle: false, accessKeyId: "a", secretAccessKey: "b" } })).toEqual(["https://s3.eu-west-1.amazonaws.com", "https://rec.s3.eu-west-1.amazonaws.com"]);
    expect(storageOrigins({ s3: undefined })).toEqual([]);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("is the policy we document, for a local setup", () => {
    expect(contentSecurityPolicy(base)).toBe(
      [
        "default-src 'self'",
        "script-src 'self' 'nonce-bm9uY2Vub25jZW5vbmNl' 'strict-dynamic' 'wasm-unsafe-eval'",
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

describe("frame-ancestors", () => {
  it("is 'self' unless an embed allow-list is given, then exactly those origins", () => {
    expect(directives(contentSecurityPolicy(base)).get("frame-ancestors")).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy({ ...base, frameAncestors: ["https://a.example", "http://localhost:3102"] })).get("frame-ancestors")).toEqual([
      "'self'",
      "https://a.example",
      "http://localhost:3102",
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
