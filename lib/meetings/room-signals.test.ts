import { describe, expect, it } from "vitest";
import { decodeControlNotice, decodeLobbySignal, decodeReaction, isFromServer } from "./room-signals";

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

describe("decodeControlNotice", () => {
  it("reads unmute requests, mutes and removals", () => {
    expect(decodeControlNotice(bytes({ type: "unmute_request", source: "microphone", by: "Ann" }))).toEqual({ type: "unmute_request", source: "microphone", by: "Ann" });
    expect(decodeControlNotice(bytes({ type: "muted", source: "screen_share", by: "Ann" }))).toEqual({ type: "muted", source: "screen_share", by: "Ann" });
    expect(decodeControlNotice(bytes({ type: "removed", banned: true }))).toEqual({ type: "removed", banned: true });
  });

  it("rejects unknown types, sources and garbage", () => {
    expect(decodeControlNotice(bytes({ type: "unmute_request", source: "screen_share", by: "Ann" }))).toBeNull();
    expect(decodeControlNotice(bytes({ type: "muted", source: "microphone" }))).toBeNull();
    expect(decodeControlNotice(bytes({ type: "promote" }))).toBeNull();
    expect(decodeControlNotice(bytes("{oops"))).toBeNull();
    expect(decodeControlNotice(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });

  it("reads a removal without a readable ban flag as not banned", () => {
    expect(decodeControlNotice(bytes({ type: "removed" }))).toEqual({ type: "removed", banned: false });
  });
});

describe("decodeLobbySignal", () => {
  it("reads knocks only", () => {
    expect(decodeLobbySignal(bytes({ type: "knock" }))).toEqual({ type: "knock" });
    expect(decodeLobbySignal(bytes({ type: "admit" }))).toBeNull();
  });
});

describe("decodeReaction", () => {
  it("accepts the six offered reactions", () => {
    expect(decodeReaction(bytes({ emoji: "❤️", identity: "u1", name: "Ann" }))).toEqual({ emoji: "❤️", identity: "u1", name: "Ann" });
  });

  it("rejects other emoji and markup", () => {
    expect(decodeReaction(bytes({ emoji: "💩", identity: "u1", name: "Ann" }))).toBeNull();
    expect(decodeReaction(bytes({ emoji: "<img src=x onerror=alert(1)>", identity: "u1", name: "Ann" }))).toBeNull();
  });
});

describe("isFromServer", () => {
  it("trusts only packets without a participant sender", () => {
    expect(isFromServer({})).toBe(true);
    expect(isFromServer({ from: undefined })).toBe(true);
    expect(isFromServer({ from: { identity: "mallory" } })).toBe(false);
  });
});
