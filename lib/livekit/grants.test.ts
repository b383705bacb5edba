import { describe, expect, it } from "vitest";
import { TrackSource } from "livekit-server-sdk";
import { grantsForRole, permissionForRole } from "./grants";

const ROLES = ["host", "co_host", "participant", "guest", "viewer"] as const;

describe("grantsForRole", () => {
  it("gives no role any server-API right: moderation goes through our server", () => {
    for (const role of ROLES) {
      const grant = grantsForRole({ room: "r", role, canPublish: true });
      expect(grant.roomAdmin, role).toBeFalsy();
      for (const right of ["roomCreate", "roomList", "roomRecord", "ingressAdmin", "hidden", "recorder"] as const) {
        expect(grant[right], `${role} ${right}`).toBeFalsy();
      }
    }
  });

  it("never lets anyone write their own metadata, where the UI reads roles from", () => {
    for (const role of ROLES) {
      expect(grantsForRole({ room: "r", role, canPublish: true }).canUpdateOwnMetadata, role).toBe(false);
      expect(permissionForRole({ role, canPublish: true }).canUpdateMetadata, role).toBe(false);
    }
  });

  it("lets a view-only guest or a viewer subscribe and chat but not publish media", () => {
    expect(grantsForRole({ room: "r", role: "guest", canPublish: false })).toMatchObject({ roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: true });
    expect(grantsForRole({ room: "r", role: "viewer", canPublish: true })).toMatchObject({ canPublish: false, canPublishData: true });
  });

  it("limits the grant to the meeting's own room", () => {
    expect(grantsForRole({ room: "abc-defg-hij", role: "host", canPublish: true }).room).toBe("abc-defg-hij");
  });

  it("takes screen share and chat from non-hosts when the host restricts them", () => {
    const settings = { screenShareHostsOnly: true, chatHostsOnly: true };
    expect(grantsForRole({ room: "r", role: "participant", canPublish: true, settings })).toMatchObject({
      canPublish: true,
      canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
      canPublishData: false,
    });
    expect(grantsForRole({ room: "r", role: "co_host", canPublish: true, settings })).toMatchObject({
      canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO],
      canPublishData: true,
    });
  });

  it("gives the same rights as a live permission update", () => {
    expect(permissionForRole({ role: "viewer", canPublish: true })).toMatchObject({ canPublish: false, canPublishSources: [] });
    expect(permissionForRole({ role: "participant", canPublish: true }).canPublishSources).toHaveLength(4);
  });
});
