import { describe, expect, it } from "vitest";
import { canUpload, canViewRecording } from "./access";

describe("recording access", () => {
  it.each([
    ["host", false, "recording", true],
    ["co_host", false, "ready", true],
    ["participant", false, "ready", false],
    ["participant", true, "ready", true],
    ["participant", true, "recording", false],
    ["guest", true, "ready", true],
    ["viewer", false, "ready", false],
  ] as const)("%s, shared %s, %s → %s", (role, shared, status, allowed) => {
    expect(canViewRecording(role, { sharedWithMembers: shared, status }, { joined: true })).toBe(allowed);
  });

  it("shows a shared recording only to people who joined the meeting, not to anyone with its code", () => {
    const shared = { sharedWithMembers: true, status: "ready" } as const;
    expect(canViewRecording("participant", shared, { joined: false })).toBe(false);
    expect(canViewRecording("guest", shared, { joined: false })).toBe(false);
    expect(canViewRecording("guest", shared, { joined: true })).toBe(true);
    expect(canViewRecording("host", { sharedWithMembers: false, status: "ready" }, { joined: false })).toBe(true);
  });

  it("lets only the recording browser upload, and only while recording", () => {
    expect(canUpload("u1", { startedBy: "u1", status: "recording" })).toBe(true);
    expect(canUpload("u2", { startedBy: "u1", status: "recording" })).toBe(false);
    expect(canUpload("u1", { startedBy: "u1", status: "ready" })).toBe(false);
  });
});
