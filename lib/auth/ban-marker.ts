import "server-only";
import { createHash } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { shouldUseSecureCookies } from "./cookies";

/**
 * A browser that a host banned from a meeting keeps a signed marker for that meeting, so a new
 * guest identity (POST /guest again) or another account (sign out, sign in) does not walk back in.
 * It is set on the first request the server sees from the banned identity (the room asks where it
 * stands as soon as it is removed). It is a speed bump against the easy way back, not an identity:
 * someone who clears their cookies is a stranger again, and meets the lobby or lock like one.
 */
const MARKER_TTL_SECONDS = 30 * 24 * 3600;
const AUDIENCE = "parley:ban";

function markerKey(): Uint8Array {
  // A key of its own, so a marker never passes as a session or a guest identity.
  return createHash("sha256").update(`parley-ban-v1:${getEnv().AUTH_SECRET}`).digest();
}

export function banMarkerCookieName(code: string): string {
  return `parley_ban_${code}`;
}

export async function setBanMarker(meeting: { id: string; code: string }, identity: string): Promise<void> {
  const token = await new SignJWT({ mid: meeting.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${MARKER_TTL_SECONDS}s`)
    .sign(markerKey());
  const secure = shouldUseSecureCookies();
  (await cookies()).set(banMarkerCookieName(meeting.code), token, {
    httpOnly: true,
    path: "/",
    maxAge: MARKER_TTL_SECONDS,
    // Inside another site's iframe only a SameSite=None, Partitioned cookie is kept (see guest.ts).
    ...(secure ? { secure: true, sameSite: "none", partitioned: true } : { secure: false, sameSite: "lax" }),
  });
}

/** Whether this browser carries a valid ban marker for this meeting. */
export async function hasBanMarker(meeting: { id: string; code: string }): Promise<boolean> {
  const token = (await cookies()).get(banMarkerCookieName(meeting.code))?.value;
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, markerKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    return payload.mid === meeting.id;
  } catch {
    // Expired, tampered or another deployment's marker: not a ban here.
    return false;
  }
}
