import { SignJWT } from "jose";

/**
 * A LiveKit-shaped JWT that expired five minutes ago: beyond the SDK's 10 s and
 * livekit-server's 1 min clock leeway, so "expired" is tested without sleeping.
 */
export function signExpiredLivekitJwt({ apiKey, apiSecret, claims }: { apiKey: string; apiSecret: string; claims: Record<string, unknown> }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(apiKey)
    .setNotBefore(now - 900)
    .setExpirationTime(now - 300)
    .sign(new TextEncoder().encode(apiSecret));
}
