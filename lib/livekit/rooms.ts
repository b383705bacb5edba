import "server-only";
import { isRecording } from "@/lib/db/queries/recordings";
import type { Meeting } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { offeredCaptionServer } from "@/lib/meetings/server-captions";
import { readMeetingSettings, roomMetadataFor } from "@/lib/meetings/settings";
import { getRoomService } from "./room-service";
import { roomNameForMeeting } from "./token";

async function metadataFor(meeting: Meeting) {
  const settings = readMeetingSettings(meeting.settings);
  const env = getEnv();
  // Egress cannot decrypt an end-to-end encrypted room, so it is not offered there; nor is the transcription server.
  return roomMetadataFor(settings, {
    recording: await isRecording({ meetingId: meeting.id }),
    serverRecording: env.serverRecording && !settings.e2ee,
    captionServer: offeredCaptionServer(settings, env.transcriptionServer),
  });
}

/**
 * Creates the meeting's room with its settings and state as metadata, so the first person in
 * already sees lock/lobby/restrictions/recording. On an existing room LiveKit keeps the current
 * metadata (kept up to date by publishRoomState).
 */
export async function ensureRoom(meeting: Meeting) {
  await getRoomService().createRoom({ name: roomNameForMeeting(meeting), metadata: await metadataFor(meeting), emptyTimeout: 300, departureTimeout: 20 });
}

/** Republishes settings and recording state to everyone in the room; nothing to do when nobody is in it. */
export async function publishRoomState(meeting: Meeting) {
  await getRoomService()
    .updateRoomMetadata(roomNameForMeeting(meeting), await metadataFor(meeting))
    .catch((err: unknown) => {
      // No room yet (nobody joined): what is stored applies when it starts.
      if ((err as { status?: number }).status !== 404) throw err;
    });
}
