import { z } from "zod";
import { normaliseOrigin } from "./embed-sdk/origin";

/**
 * An origin that may embed Parley meetings: exactly scheme://host[:port] over http(s), nothing
 * more (no path, no wildcard, no "null"). Stored and compared in the normalised form URL gives.
 */
export const embedOriginSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => normalizeOrigin(value) !== null, {
    message: "Give an origin like https://example.com (scheme, host and port only).",
  })
  .transform((value) => normalizeOrigin(value) as string);

export const embedOriginsSchema = z.array(embedOriginSchema).max(20, "At most 20 embedding origins per meeting.");

/**
 * The origin of a string that is exactly an http(s) origin (the SDK's normaliseOrigin), refusing
 * what that would quietly drop: a path, query, fragment, credentials or a wildcard host.
 */
export function normalizeOrigin(value: string): string | null {
  const origin = normaliseOrigin(value);
  if (!origin) return null;
  const url = new URL(value);
  if (url.username || url.password || url.search || url.hash || url.hostname.includes("*")) return null;
  // "https://example.com" and "https://example.com/" are both the bare origin; any other path is not.
  if (url.pathname !== "/" || /^[a-z]+:\/\/[^/]+\/./i.test(value)) return null;
  return origin;
}

/** Comma- or space-separated origins from configuration (EMBED_ALLOWED_ORIGINS). */
export const embedOriginListSchema = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(embedOriginSchema).max(100));
