import { describe, expect, it } from "vitest";
import { PROTOCOL, parseCommandEnvelope, parseEvent, parseFrameMessage, readCommandId } from "./protocol";

const command = (fields: Record<string, unknown>) => ({ protocol: PROTOCOL, kind: "command", id: "c1", ...fields });
const event = (fields: Record<string, unknown>) => ({ protocol: PROTOCOL, kind: "event", ...fields });
const result = (fields: Record<string, unknown>) => ({ protocol: PROTOCOL, kind: "result", id: "c1", ...fields });
const alice = { identity: "user-1", name: "Alice" };

describe("parseCommandEnvelope", () => {
  it.each([
    [{ command: "join" }],
    [{ command: "join", displayName: "Ada", audio: true, video: false }],
    [{ command: "leave" }],
    [{ command: "toggleMic" }],
    [{ command: "toggleMic", enabled: false }],
    [{ command: "toggleCamera", enabled: true }],
    [{ command: "toggleScreenShare" }],
    [{ command: "sendChat", text: "x".repeat(4000) }],
    [{ command: "setDisplayName", displayName: "n".repeat(80) }],
    [{ command: "raiseHand", raised: true }],
    [{ command: "startCaptions" }],
    [{ command: "stopCaptions" }],
  ])("accepts %j", (fields) => {
    expect(parseCommandEnvelope(command(fields))).toEqual(command(fields));
  });

  it("keeps only known fields, so junk never reaches the app", () => {
    const parsed = parseCommandEnvelope(command({ command: "sendChat", text: "hi", html: "<b>" }));
    expect(parsed).toEqual({ protocol: PROTOCOL, kind: "command", id: "c1", command: "sendChat", text: "hi" });
    expect(Object.keys(parsed ?? {})).not.toContain("html");
  });

  it("drops optional fields that are present but undefined", () => {
    expect(parseCommandEnvelope(command({ command: "toggleMic", enabled: undefined }))).toEqual(command({ command: "toggleMic" }));
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a string", "join"],
    ["an array", [command({ command: "leave" })]],
    ["no protocol", { kind: "command", id: "c1", command: "leave" }],
    ["another protocol version", { ...command({ command: "leave" }), protocol: "parley-embed/2" }],
    ["the wrong kind", { ...command({ command: "leave" }), kind: "event" }],
    ["no id", { protocol: PROTOCOL, kind: "command", command: "leave" }],
    ["an empty id", { ...command({ command: "leave" }), id: "" }],
    ["a numeric id", { ...command({ command: "leave" }), id: 1 }],
    ["an id over 64 chars", { ...command({ command: "leave" }), id: "i".repeat(65) }],
    ["an unknown command", command({ command: "eject" })],
    ["an inherited command name", command({ command: "toString" })],
    ["no command", command({})],
    ["toggleMic with a string flag", command({ command: "toggleMic", enabled: "true" })],
    ["toggleCamera with null", command({ command: "toggleCamera", enabled: null })],
    ["raiseHand with 1", command({ command: "raiseHand", raised: 1 })],
    ["join with a numeric name", command({ command: "join", displayName: 7 })],
    ["join with a blank name", command({ command: "join", displayName: "  " })],
    ["join with a string audio flag", command({ command: "join", audio: "yes" })],
    ["sendChat without text", command({ command: "sendChat" })],
    ["sendChat with empty text", command({ command: "sendChat", text: "" })],
    ["sendChat over 4000 chars", command({ command: "sendChat", text: "x".repeat(4001) })],
    ["sendChat with an object", command({ command: "sendChat", text: { toString: () => "hi" } })],
    ["setDisplayName over 80 chars", command({ command: "setDisplayName", displayName: "n".repeat(81) })],
    ["setDisplayName missing", command({ command: "setDisplayName" })],
  ])("rejects %s", (_label, data) => {
    expect(parseCommandEnvelope(data)).toBeNull();
  });

  it("ignores inherited fields", () => {
    const data = Object.create(command({ command: "leave" }));
    expect(parseCommandEnvelope(data)).toBeNull();
  });
});

describe("readCommandId", () => {
  it("finds the id of a command envelope even when the command is unknown", () => {
    expect(readCommandId(command({ command: "teleport" }))).toBe("c1");
  });

  it("returns null when there is nothing to answer", () => {
    expect(readCommandId({ ...command({ command: "leave" }), protocol: "other" })).toBeNull();
    expect(readCommandId({ ...command({ command: "leave" }), id: 5 })).toBeNull();
    expect(readCommandId(undefined)).toBeNull();
  });
});

describe("parseFrameMessage", () => {
  const message = { id: "m1", from: alice, text: "hello", sentAt: "2025-03-01T10:00:00.000Z" };

  it.each([
    [{ event: "ready", meeting: { code: "abc-defg-hij", title: "" } }],
    [{ event: "joined", participant: alice }],
    [{ event: "left", reason: "user" }],
    [{ event: "participantJoined", participant: { identity: "g-2", name: "" } }],
    [{ event: "participantLeft", participant: alice }],
    [{ event: "micChanged", enabled: true }],
    [{ event: "cameraChanged", enabled: false }],
    [{ event: "screenShareChanged", enabled: true }],
    [{ event: "handChanged", raised: false }],
    [{ event: "captionsChanged", enabled: true }],
    [{ event: "chatReceived", message }],
    [{ event: "error", code: "media_denied", message: "Camera blocked" }],
  ])("accepts event %j", (fields) => {
    expect(parseFrameMessage(event(fields))).toEqual(event(fields));
  });

  it("accepts ok and failed results", () => {
    expect(parseFrameMessage(result({ ok: true }))).toEqual(result({ ok: true }));
    const failed = result({ ok: false, error: { code: "not_joined", message: "Join first." } });
    expect(parseFrameMessage(failed)).toEqual(failed);
  });

  it("strips junk from nested objects", () => {
    const parsed = parseFrameMessage(event({ event: "joined", participant: { ...alice, token: "secret" }, extra: 1 }));
    expect(parsed).toEqual(event({ event: "joined", participant: alice }));
  });

  it.each<[string, unknown]>([
    ["undefined", undefined],
    ["a command", command({ command: "leave" })],
    ["another protocol", { ...event({ event: "micChanged", enabled: true }), protocol: "parley-embed/0" }],
    ["an unknown event", event({ event: "hacked" })],
    ["an inherited event name", event({ event: "constructor" })],
    ["ready without a meeting", event({ event: "ready" })],
    ["ready with a numeric code", event({ event: "ready", meeting: { code: 1, title: "" } })],
    ["ready with a 201-char title", event({ event: "ready", meeting: { code: "abc", title: "t".repeat(201) } })],
    ["micChanged with a string", event({ event: "micChanged", enabled: "false" })],
    ["handChanged without raised", event({ event: "handChanged" })],
    ["joined without identity", event({ event: "joined", participant: { name: "A" } })],
    ["joined with a long identity", event({ event: "joined", participant: { identity: "i".repeat(65), name: "A" } })],
    ["participantJoined with a long name", event({ event: "participantJoined", participant: { identity: "a", name: "n".repeat(81) } })],
    ["left without a reason", event({ event: "left" })],
    ["chat over 4000 chars", event({ event: "chatReceived", message: { ...message, text: "x".repeat(4001) } })],
    ["chat with a bad date", event({ event: "chatReceived", message: { ...message, sentAt: "yesterday" } })],
    ["chat without a sender", event({ event: "chatReceived", message: { ...message, from: undefined } })],
    ["chat with a long id", event({ event: "chatReceived", message: { ...message, id: "m".repeat(65) } })],
    ["error without a code", event({ event: "error", message: "x" })],
    ["a result without ok", result({})],
    ["a result with ok as a string", result({ ok: "true" })],
    ["a failed result without error", result({ ok: false })],
    ["a failed result with a bad error", result({ ok: false, error: { code: 5, message: "x" } })],
    ["a result with a long id", { ...result({ ok: true }), id: "r".repeat(65) }],
    ["a result without id", { protocol: PROTOCOL, kind: "result", ok: true }],
  ])("rejects %s", (_label, data) => {
    expect(parseFrameMessage(data)).toBeNull();
  });
});

describe("parseEvent", () => {
  it("validates a bare event without an envelope", () => {
    expect(parseEvent({ event: "micChanged", enabled: true })).toEqual({ event: "micChanged", enabled: true });
    expect(parseEvent({ event: "micChanged" })).toBeNull();
  });
});
