import { transcribeOnServer } from "@/lib/ai/transcription-server";
import { readSpeechSegment } from "@/lib/audio/speech-upload";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseWith, refuseOtherMethods, route } from "@/lib/http";
import { findParticipant } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { serverForCaptions } from "@/lib/meetings/server-captions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { enforceRateLimit } from "@/lib/rate-limit";
import { transcribeQuerySchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

/**
 * One speech segment of the caller's own microphone (as their voice detector cut it; 16-bit PCM WAV,
 * 16 kHz mono, at most 30 s) → the transcription server → `{ text, language }`. The speaker's
 * browser then publishes the text as any caption (POST …/transcript). Only while a host has chosen
 * the server for captions, never in an end-to-end encrypted meeting, and only for someone in the room
 * who may speak. 503 with Retry-After when the server can't be reached.
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  await enforceRateLimit({ bucket: "transcribe", key: `${meeting.id}:${caller.identity}` });
  if (!can(caller.role, "captions.publish")) throw new AppError("forbidden:captions", "Only people who can speak in this meeting publish captions.");
  const { language } = parseWith(transcribeQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const server = serverForCaptions(readMeetingSettings(meeting.settings), getEnv().transcriptionServer);
  const room = roomNameForMeeting(meeting);
  if (!(await findParticipant(room, caller.identity))) throw new AppError("conflict:not_in_room", "Join the meeting first.");
  const wav = await readSpeechSegment(request);
  const transcript = await transcribeOnServer(server, { wav, language });
  return Response.json(transcript, { headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
