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
 * The grants each role gets in its meeting's room. Least privilege: viewers and view-only guests
 * cannot publish media; host-only chat or screen share take those rights from everyone else.
 * Raised hands and reactions go through our server, so data rights are only for chat.
 *
 * No role gets `roomAdmin`, hosts included. It would let the holder call LiveKit's RoomService with
 * their own token: remove the host, rewrite their own metadata to `{"role":"host"}`, hide a running
 * recording by editing room metadata, and send sender-less packets that clients take for the
 * server's. LiveKit never takes it back on a permission update (a demoted co-host would keep it
 * until the token expires) and copies it into refreshed tokens. Every moderation action goes
 * through our server instead, which checks our own record of the role and acts with the API key.
 */
export function grantsForRole(input: GrantInput): VideoGrant {
  const sources = publishableSources(input);
  return {
    room: input.room,
    roomJoin: true,
    roomAdmin: false,
    canSubscribe: true,
    canPublish: sources.length > 0,
    ...(sources.length > 0 ? { canPublishSources: sources } : {}),
    canPublishData: can(input.role, "chat.send", input.settings),
    // With no roomAdmin either, only our server (API key) can write name, metadata and attributes,
    // so the role the UI reads from participant metadata is the server's, never self-declared.
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
    // Stated every time, so no update ever hands a participant the right to write their own
    // metadata (where the UI reads roles from) or attributes (raised hands).
    canUpdateMetadata: false,
  };
}
