import "server-only";
import { createHash } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { shouldUseSecureCookies } from "./cookies";

/**
 * A guest's identity is a signed token limited to one meeting, kept in an
 * HttpOnly cookie named after that meeting. It carries no rights by itself:
 * every request still loads the guest row and the meeting.
 */
const GUEST_TTL_SECONDS = 12 * 3600;
const AUDIENCE = "parley:guest";

export type GuestClaims = { guestId: string; meetingId: string };

function guestKey(): Uint8Array {
  // A key of its own, derived from AUTH_SECRET, so a guest token can never pass as a session.
  return createHash("sha256").update(`parley-guest-v1:${getEnv().AUTH_SECRET}`).digest();
}

export function guestCookieName(code: string): string {
  return `parley_guest_${code}`;
}

export async function signGuestToken(claims: GuestClaims, ttlSeconds = GUEST_TTL_SECONDS): Promise<string> {
  return new SignJWT({ mid: claims.meetingId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.guestId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(guestKey());
}

export async function verifyGuestToken(token: string): Promise<GuestClaims | null> {
  try {
    const { payload } = await jwtVerify(token, guestKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.mid !== "string") return null;
    return { guestId: payload.sub, meetingId: payload.mid };
  } catch {
    // Expired, tampered or foreign tokens all mean "not a guest here"; nothing to log.
    return null;
  }
}

export async function setGuestCookie(code: string, claims: GuestClaims) {
  const jar = await cookies();
  jar.set(guestCookieName(code), await signGuestToken(claims), {
    httpOnly: true,
    secure: shouldUseSecureCookies(),
    sameSite: "lax",
    path: "/",
    maxAge: GUEST_TTL_SECONDS,
  });
}

export async function readGuestCookie(code: string): Promise<GuestClaims | null> {
  const jar = await cookies();
  const token = jar.get(guestCookieName(code))?.value;
  return token ? verifyGuestToken(token) : null;
}
