import { describe, expect, it } from "vitest";
import { newArrivals, sortLobby } from "./lobby";

const req = (identity: string, requestedAt: string) => ({ identity, name: identity.toUpperCase(), requestedAt });

describe("sortLobby", () => {
  it("puts whoever has waited longest first", () => {
    const sorted = sortLobby([req("b", "2025-01-01T10:05:00Z"), req("a", "2025-01-01T10:00:00Z"), req("c", "garbage")]);
    expect(sorted.map((r) => r.identity)).toEqual(["a", "b", "c"]);
  });
});

describe("newArrivals", () => {
  it("reports everyone on the first read and only newcomers afterwards", () => {
    const first = [req("a", "2025-01-01T10:00:00Z")];
    expect(newArrivals(null, first)).toEqual(first);
    const second = [...first, req("b", "2025-01-01T10:01:00Z")];
    expect(newArrivals(first, second).map((r) => r.identity)).toEqual(["b"]);
    expect(newArrivals(second, first)).toEqual([]);
  });
});
