import { describe, expect, it } from "vitest";
import { cacheRuleFor, type RequestFacts } from "./cache-policy";

const facts = (path: string, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  url: new URL(path, "https://meet.example.com"),
  method: "GET",
  mode: "cors",
  sameOrigin: true,
  ...extra,
});

describe("cacheRuleFor", () => {
  it.each([
    ["/api/meetings", {}, "network-only"],
    ["/api/meetings/abc-defg-hij/chat", {}, "network-only"],
    ["/api/auth/session", {}, "network-only"],
    ["/dashboard", { mode: "navigate" }, "navigation"],
    ["/dashboard?_rsc=1x2y", {}, "network-only"],
    ["/m/abc-defg-hij?_rsc=abc", { mode: "navigate" }, "network-only"],
    ["/_next/static/chunks/app-123.js", {}, "immutable"],
    ["/icons/icon-192.png", {}, "icons"],
    ["/manifest.webmanifest", {}, "icons"],
    ["/models/silero_vad.onnx", {}, "models"],
    ["/embed/parley-embed.js", {}, "network-only"],
    ["/api/meetings", { method: "POST" }, "network-only"],
    ["/_next/static/chunks/app-123.js", { method: "POST" }, "network-only"],
    ["/_next/static/chunks/app-123.js", { sameOrigin: false }, "network-only"],
  ] as const)("%s %o → %s", (path, extra, rule) => {
    expect(cacheRuleFor(facts(path, extra))).toBe(rule);
  });
});
