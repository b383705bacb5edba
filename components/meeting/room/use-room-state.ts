import { useMemo } from "react";
import { useLocalParticipant, useParticipantInfo, useRoomInfo } from "@livekit/components-react";
import { readParticipantRole } from "@/lib/meetings/participant-info";
import type { Role } from "@/lib/meetings/permissions";
import { readRoomSettings, type RoomSettings } from "@/lib/meetings/room-settings";

/** The meeting settings the server publishes as room metadata (lock, restrictions, lobby). */
export function useRoomSettings(): RoomSettings {
  const { metadata } = useRoomInfo();
  return useMemo(() => readRoomSettings(metadata), [metadata]);
}

/**
 * Your role now: the server rewrites your participant metadata when a host promotes or demotes you.
 * Until the first metadata arrives, the role the token route reported. You cannot promote yourself
 * by editing it: no token may write its own metadata (lib/livekit/grants.ts), and the server
 * checks every control against its own record anyway.
 */
export function useSelfRole(fromToken: Role): Role {
  const { localParticipant } = useLocalParticipant();
  const { metadata } = useParticipantInfo({ participant: localParticipant });
  return readParticipantRole(metadata) ?? fromToken;
}
