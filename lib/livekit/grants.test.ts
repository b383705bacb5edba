import { describe, expect, it } from "vitest";
import { grantsForRole } from "./grants";

describe("grantsForRole", () => {
  it("gives room admin to hosts and co-hosts only", () => {
    expect(grantsForRole({ room: "r", role: "host", canPublish: true }).roomAdmin).toBe(true);
    expect(grantsForRole({ room: "r", role: "co_host", canPublish: true }).roomAdmin).toBe(true);
    expect(grantsForRole({ room: "r", role: "participant", canPublish: true }).roomAdmin).toBe(false);
    expect(grantsForRole({ room: "r", role: "guest", canPublish: true }).roomAdmin).toBe(false);
  });

  it("lets a view-only guest subscribe and chat but not publish media", () => {
    const g = grantsForRole({ room: "r", role: "guest", canPublish: false });
    expect(g).toMatchObject({ roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: true });
  });

  it("always limits the grant to the meeting's own room", () => {
    expect(grantsForRole({ room: "abc-defg-hij", role: "host", canPublish: true }).room).toBe("abc-defg-hij");
  });
});
