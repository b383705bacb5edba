import { describe, expect, it } from "vitest";
import { controlRequestFor, hostActionsFor, type TargetState } from "./participant-actions";

const target = (over: Partial<TargetState> = {}): TargetState => ({
  role: "participant",
  isLocal: false,
  micOn: false,
  cameraOn: false,
  sharingScreen: false,
  handRaised: false,
  ...over,
});

describe("hostActionsFor", () => {
  it("offers nothing to participants, guests and viewers", () => {
    for (const me of ["participant", "guest", "viewer"] as const) {
      expect(hostActionsFor(me, target({ micOn: true, handRaised: true }))).toEqual([]);
    }
  });

  it("offers mute while the mic is on and ask-to-unmute while it is off", () => {
    expect(hostActionsFor("co_host", target({ micOn: true }))).toContain("mute_microphone");
    expect(hostActionsFor("co_host", target({ micOn: true }))).not.toContain("request_unmute");
    expect(hostActionsFor("co_host", target({ micOn: false }))).toContain("request_unmute");
  });

  it("never asks a viewer to unmute", () => {
    expect(hostActionsFor("host", target({ role: "viewer" }))).not.toContain("request_unmute");
  });

  it("offers stopping a screen share and lowering a hand only when there is one", () => {
    expect(hostActionsFor("host", target())).not.toContain("stop_screen_share");
    expect(hostActionsFor("host", target({ sharingScreen: true, handRaised: true }))).toEqual(expect.arrayContaining(["stop_screen_share", "lower_hand"]));
  });

  it("lets only the host change roles", () => {
    expect(hostActionsFor("host", target())).toEqual(expect.arrayContaining(["make_co_host", "make_viewer"]));
    expect(hostActionsFor("host", target({ role: "co_host" }))).toEqual(expect.arrayContaining(["make_participant"]));
    expect(hostActionsFor("host", target({ role: "co_host" }))).not.toContain("make_co_host");
    expect(hostActionsFor("host", target({ role: "viewer" }))).toEqual(expect.arrayContaining(["make_co_host", "make_participant"]));
    expect(hostActionsFor("co_host", target())).not.toEqual(expect.arrayContaining(["make_co_host"]));
  });

  it("offers no role changes for guests, who have no account to hold one", () => {
    const actions = hostActionsFor("host", target({ role: "guest", micOn: true }));
    expect(actions).toEqual(["mute_microphone", "remove"]);
  });

  it("respects who may act on whom", () => {
    expect(hostActionsFor("co_host", target({ role: "host", micOn: true }))).toEqual([]);
    expect(hostActionsFor("co_host", target({ role: "co_host", micOn: true }))).toEqual([]);
    expect(hostActionsFor("host", target({ role: "co_host", micOn: true }))).toContain("remove");
  });

  it("offers nothing on your own row or on someone whose role is unknown", () => {
    expect(hostActionsFor("host", target({ isLocal: true }))).toEqual([]);
    expect(hostActionsFor("host", target({ role: null }))).toEqual([]);
  });
});

describe("controlRequestFor", () => {
  it("builds the documented request bodies", () => {
    expect(controlRequestFor("mute_microphone", "u2")).toEqual({ action: "mute", identity: "u2", source: "microphone" });
    expect(controlRequestFor("request_unmute", "u2")).toEqual({ action: "request_unmute", identity: "u2", source: "microphone" });
    expect(controlRequestFor("stop_screen_share", "u2")).toEqual({ action: "mute", identity: "u2", source: "screen_share" });
    expect(controlRequestFor("lower_hand", "u2")).toEqual({ action: "lower_hand", identity: "u2" });
    expect(controlRequestFor("make_participant", "u2")).toEqual({ action: "set_role", identity: "u2", role: "participant" });
  });
});
