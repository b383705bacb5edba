import "server-only";
import { roomMetadataFor, type MeetingSettings } from "@/lib/meetings/settings";
import { getRoomService } from "./room-service";

/**
 * Creates the meeting's room with its settings as metadata, so the first person
 * in already sees lock/lobby/restrictions. On an existing room LiveKit keeps the
 * current metadata (kept up to date by the host controls).
 */
export async function ensureRoom(room: string, settings: MeetingSettings) {
  await getRoomService().createRoom({ name: room, metadata: roomMetadataFor(settings), emptyTimeout: 300, departureTimeout: 20 });
}

export async function publishRoomSettings(room: string, settings: MeetingSettings) {
  await getRoomService().updateRoomMetadata(room, roomMetadataFor(settings));
}
