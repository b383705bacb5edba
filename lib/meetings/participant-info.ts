import { z } from "zod";
import { ROLES, type Role } from "./permissions";

/** What the UI reads from a LiveKit participant's metadata, attributes and name. */

export type ParticipantRole = Role;

const metadataSchema = z.object({ role: z.enum(ROLES) });

/**
 * The server writes `{"role":"host","kind":"user"}` into participant metadata; anything else means "unknown".
 * Safe to show and to gate the UI on because only the server can write metadata: no token carries
 * roomAdmin or canUpdateOwnMetadata, and no permission update grants canUpdateMetadata
 * (lib/livekit/grants.ts). The server never trusts it for a decision; it checks its own record.
 */
export function readParticipantRole(metadata: string | undefined | null): ParticipantRole | null {
  if (!metadata) return null;
  let json: unknown;
  try {
    json = JSON.parse(metadata);
  } catch {
    return null; // metadata set by something other than our server; no role to show
  }
  const parsed = metadataSchema.safeParse(json);
  return parsed.success ? parsed.data.role : null;
}

/**
 * Up to two letters for the camera-off placeholder: first letters of the first and last word,
 * or the first character for one-word and CJK names ("李小龙" → "李").
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return "?";
  const first = (word: string) => Array.from(word)[0] ?? "";
  const letters = words.length === 1 ? first(words[0]) : first(words[0]) + first(words[words.length - 1]);
  return letters.toLocaleUpperCase();
}
