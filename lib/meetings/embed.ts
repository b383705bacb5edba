import "server-only";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import type { Meeting } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { isMeetingCode } from "./code";
import { readMeetingSettings } from "./settings";

/** `/embed/abc-defg-hij` → "abc-defg-hij"; null for any other path. */
export function embedCodeFromPath(pathname: string): string | null {
  const match = /^\/embed\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    const code = decodeURIComponent(match[1]);
    return isMeetingCode(code) ? code : null;
  } catch {
    return null;
  }
}

/**
 * The sites allowed to frame a meeting: the deployment's EMBED_ALLOWED_ORIGINS plus the meeting's
 * own list. Empty for an unknown meeting, so nobody else can frame even the "not found" page.
 */
export async function embedOriginsFor(code: string): Promise<string[]> {
  const meeting = await getMeetingByCode({ code });
  return meeting ? embedOriginsOf(meeting) : [];
}

/** The same for a meeting already loaded. */
export function embedOriginsOf(meeting: Pick<Meeting, "settings">): string[] {
  return [...new Set([...getEnv().embedAllowedOrigins, ...readMeetingSettings(meeting.settings).embedOrigins])];
}
