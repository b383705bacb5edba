import { AccessToken, RoomServiceClient } from "livekit-server-sdk";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signExpiredLivekitJwt } from "../helpers/livekit-jwt";
import { setTestEnv } from "../helpers/test-env";

/**
 * Tokens minted by lib/livekit are checked by the real livekit-server: it must
 * accept them, and enforce the grants (no room admin for anyone, only the
 * meeting's own room), and refuse tampered or expired ones.
 */
const lk = inject("livekit");

beforeAll(() => {
  setTestEnv({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
});

async function validate(token: string): Promise<number> {
  // livekit-server's own pre-flight check used by clients before the WebSocket upgrade.
  const response = await fetch(`${lk.httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  return response.status;
}

/** Calls RoomService with the participant's own token, as a malicious client could. */
async function listParticipantsAs(token: string, room: string): Promise<number> {
  const response = await fetch(`${lk.httpUrl}/twirp/livekit.RoomService/ListParticipants`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ room }),
  });
  return response.status;
}

async function mint(role: "host" | "co_host" | "participant" | "guest", room = "abc-defg-hij", canPublish = true) {
  const { mintParticipantToken } = await import("@/lib/livekit/token");
  return mintParticipantToken({ room, identity: `id-${role}`, name: role, role, kind: role === "guest" ? "guest" : "user", canPublish });
}

describe("LiveKit tokens against a real livekit-server", () => {
  beforeAll(async () => {
    await new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret).createRoom({ name: "abc-defg-hij" });
  });

  it("are accepted for every role", async () => {
    for (const role of ["host", "co_host", "participant", "guest"] as const) {
      expect(await validate((await mint(role)).token), role).toBe(200);
    }
  });

  it("live at most 10 minutes", async () => {
    const { token, expiresInSeconds } = await mint("participant");
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    expect(expiresInSeconds).toBeLessThanOrEqual(600);
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(600);
    expect(claims.sub).toBe("id-participant");
    expect(JSON.parse(claims.metadata)).toEqual({ role: "participant", kind: "user" });
  });

  it("let nobody, hosts included, call the room's server API with their own token", async () => {
    // Host controls go through our server (lib/meetings/controls.ts), which uses the API key.
    for (const role of ["host", "co_host", "participant", "guest"] as const) {
      expect([401, 403], role).toContain(await listParticipantsAs((await mint(role)).token, "abc-defg-hij"));
    }
  });

  it("give a host of another meeting no power over this room", async () => {
    const other = await mint("host", "zzz-zzzz-zzz");
    expect(await listParticipantsAs(other.token, "abc-defg-hij")).not.toBe(200);
  });

  it("are refused when tampered with or expired", async () => {
    const { token } = await mint("participant");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    claims.video.roomAdmin = true;
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    expect(await validate(forged)).toBe(401);

    const wrongKey = new AccessToken(lk.apiKey, "a-completely-different-secret-of-enough-length", { identity: "x" });
    wrongKey.addGrant({ room: "abc-defg-hij", roomJoin: true });
    expect(await validate(await wrongKey.toJwt())).toBe(401);

    const expired = await signExpiredLivekitJwt({
      apiKey: lk.apiKey,
      apiSecret: lk.apiSecret,
      claims: { sub: "x", video: { room: "abc-defg-hij", roomJoin: true } },
    });
    expect(await validate(expired)).toBe(401);
  });
});
