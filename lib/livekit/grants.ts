import "server-only";
import type { VideoGrant } from "livekit-server-sdk";
import type { MeetingRole } from "@/lib/db/schema";

/**
 * The grants each role gets in its meeting's room. Least privilege: only hosts
 * and co-hosts administer the room; a view-only guest cannot publish media.
 */
export function grantsForRole({ room, role, canPublish }: { room: string; role: MeetingRole; canPublish: boolean }): VideoGrant {
  const isHost = role === "host" || role === "co_host";
  const publish = isHost || canPublish;
  return {
    room,
    roomJoin: true,
    roomAdmin: isHost,
    canSubscribe: true,
    canPublish: publish,
    // Chat travels as data; view-only guests may still chat.
    canPublishData: true,
    canUpdateOwnMetadata: false,
  };
}
