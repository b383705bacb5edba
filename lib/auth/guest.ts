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

/**
 * `embedded`: the guest joined inside another site's iframe, where a SameSite=Lax cookie is never
 * sent. CAUTION: SameSite=None lets the browser send this cookie on cross-site requests, so CSRF
 * protection rests on the Origin check every state-changing route makes (lib/csrf.ts). The cookie
 * is Partitioned (CHIPS): it exists only under the embedding site that framed us, and it is
 * Secure, which browsers require for both (so embedding needs https, or http on loopback).
 */
export async function setGuestCookie(code: string, claims: GuestClaims, { embedded = false } = {}) {
  const jar = await cookies();
  jar.set(guestCookieName(code), await signGuestToken(claims), {
    httpOnly: true,
    path: "/",
    maxAge: GUEST_TTL_SECONDS,
    ...(embedded ? { secure: true, sameSite: "none", partitioned: true } : { secure: shouldUseSecureCookies(), sameSite: "lax" }),
  });
}

export async function readGuestCookie(code: string): Promise<GuestClaims | null> {
  const jar = await cookies();
  const token = jar.get(guestCookieName(code))?.value;
  return token ? verifyGuestToken(token) : null;
}
