import "server-only";
import { TrackSource, type ParticipantPermission, type VideoGrant } from "livekit-server-sdk";
import type { MeetingRole } from "@/lib/db/schema";
import { can, type RestrictionSettings } from "@/lib/meetings/permissions";

type GrantInput = { room: string; role: MeetingRole; canPublish: boolean; settings?: RestrictionSettings };

/** Which media sources a role may publish under the meeting's current restrictions. */
function publishableSources({ role, canPublish, settings }: GrantInput): TrackSource[] {
  if (!canPublish || !can(role, "media.publish", settings)) return [];
  const sources = [TrackSource.CAMERA, TrackSource.MICROPHONE];
  if (can(role, "screen_share.start", settings)) sources.push(TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO);
  return sources;
}

/**
 * The grants each role gets in its meeting's room. Least privilege: only hosts
 * and co-hosts administer the room; viewers and view-only guests cannot publish
 * media; host-only chat or screen share take those rights from everyone else.
 * Raised hands and reactions go through our server, so data rights are only for chat.
 */
export function grantsForRole(input: GrantInput): VideoGrant {
  const sources = publishableSources(input);
  const isHost = input.role === "host" || input.role === "co_host";
  return {
    room: input.room,
    roomJoin: true,
    roomAdmin: isHost,
    canSubscribe: true,
    canPublish: sources.length > 0,
    ...(sources.length > 0 ? { canPublishSources: sources } : {}),
    canPublishData: can(input.role, "chat.send", input.settings),
    canUpdateOwnMetadata: false,
  };
}

/** The same rights as a live permission update for someone already in the room. */
export function permissionForRole(input: Omit<GrantInput, "room">): Partial<ParticipantPermission> {
  const sources = publishableSources({ ...input, room: "" });
  return {
    canSubscribe: true,
    canPublish: sources.length > 0,
    canPublishSources: sources,
    canPublishData: can(input.role, "chat.send", input.settings),
    canUpdateMetadata: false,
  };
}
