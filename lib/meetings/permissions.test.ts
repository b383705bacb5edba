import { describe, expect, it } from "vitest";
import { ACTIONS, can, canActOn, PERMISSIONS, ROLES } from "./permissions";

describe("permission table", () => {
  it("has a rule for every action, and only known roles in it", () => {
    for (const action of ACTIONS) {
      expect(PERMISSIONS[action].length).toBeGreaterThan(0);
      for (const role of PERMISSIONS[action]) expect(ROLES).toContain(role);
    }
  });

  it("keeps moderation with hosts and co-hosts, and role changes with the host", () => {
    expect(can("co_host", "participant.remove")).toBe(true);
    expect(can("participant", "participant.mute")).toBe(false);
    expect(can("guest", "lobby.manage")).toBe(false);
    expect(can("co_host", "role.set")).toBe(false);
    expect(can("host", "role.set")).toBe(true);
  });

  it("lets viewers listen, chat and raise a hand but never publish", () => {
    expect(can("viewer", "media.publish")).toBe(false);
    expect(can("viewer", "screen_share.start")).toBe(false);
    expect(can("viewer", "chat.send")).toBe(true);
    expect(can("viewer", "hand.raise")).toBe(true);
  });

  it("lets anyone turn captions on, hosts turn them off, and only speakers publish them", () => {
    expect(ROLES.every((role) => can(role, "captions.start"))).toBe(true);
    expect(ROLES.filter((role) => can(role, "captions.stop"))).toEqual(["host", "co_host"]);
    expect(ROLES.filter((role) => can(role, "captions.publish"))).toEqual(["host", "co_host", "participant", "guest"]);
    // Where captions are made (each device, or the transcription server) is the hosts' choice.
    expect(ROLES.filter((role) => can(role, "captions.server"))).toEqual(["host", "co_host"]);
  });

  it("applies host-only chat and screen share", () => {
    const s = { chatHostsOnly: true, screenShareHostsOnly: true };
    expect(can("participant", "chat.send", s)).toBe(false);
    expect(can("participant", "screen_share.start", s)).toBe(false);
    expect(can("co_host", "chat.send", s)).toBe(true);
  });

  it("never lets anyone act on the host, nor co-hosts on each other", () => {
    expect(canActOn("co_host", "host")).toBe(false);
    expect(canActOn("co_host", "co_host")).toBe(false);
    expect(canActOn("host", "co_host")).toBe(true);
    expect(canActOn("co_host", "guest")).toBe(true);
    expect(canActOn("participant", "guest")).toBe(false);
  });
});
