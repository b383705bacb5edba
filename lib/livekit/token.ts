import "server-only";
import { AccessToken } from "livekit-server-sdk";
import type { MeetingRole } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import type { RestrictionSettings } from "@/lib/meetings/permissions";
import { grantsForRole } from "./grants";

export type ParticipantMetadata = { role: MeetingRole; kind: "user" | "guest" };

/** Mints a short-lived token: identity = our user or guest id, grants = the role's. */
export async function mintParticipantToken({
  room,
  identity,
  name,
  role,
  kind,
  canPublish,
  settings,
}: {
  room: string;
  identity: string;
  name: string;
  role: MeetingRole;
  kind: "user" | "guest";
  canPublish: boolean;
  settings?: RestrictionSettings;
}): Promise<{ token: string; expiresInSeconds: number }> {
  const env = getEnv();
  const ttl = env.LIVEKIT_TOKEN_TTL_SECONDS;
  const metadata: ParticipantMetadata = { role, kind };
  const at = new AccessToken(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    identity,
    name,
    ttl,
    metadata: JSON.stringify(metadata),
  });
  at.addGrant(grantsForRole({ room, role, canPublish, settings }));
  return { token: await at.toJwt(), expiresInSeconds: ttl };
}

/** The meeting's LiveKit room name. */
export function roomNameForMeeting(meeting: { code: string }): string {
  return meeting.code;
}
