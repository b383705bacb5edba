import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * What a filesystem-driver "presigned URL" may do: the embedded stand-in for S3's signed URLs,
 * served by /api/storage/object and /api/storage/part. HMAC-signed with a key derived from
 * AUTH_SECRET (never the secret itself), and expiring like S3's.
 */
export type StorageGrant =
  | { op: "get"; key: string; filename?: string; exp: number }
  | { op: "put-part"; key: string; uploadId: string; partNumber: number; exp: number };

function signingKey(): Buffer {
  return createHash("sha256").update(`parley-storage-v1:${getEnv().AUTH_SECRET}`).digest();
}

const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

export function signGrant(grant: StorageGrant): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The grant a token carries, or null when it is forged, altered, malformed or expired. */
export function verifyGrant(token: string, now = Date.now()): StorageGrant | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as StorageGrant;
    return typeof grant.exp === "number" && grant.exp * 1000 > now ? grant : null;
  } catch {
    return null;
  }
}
