import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { findParticipant, getRoomService } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { postVoiceSchema, SPEAKING_ATTRIBUTE, speakingAttribute } from "@/lib/meetings/voice-activity";
import { enforceRateLimit } from "@/lib/rate-limit";

type Ctx = { params: Promise<{ code: string }> };

/**
 * The caller's own voice-activity detector says they started or stopped speaking: kept as their
 * `speaking` attribute, which LiveKit gives everyone in the room (no one lights up someone else's tile).
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  await enforceRateLimit({ bucket: "voice", key: `${meeting.id}:${caller.identity}` });
  if (!can(caller.role, "media.publish")) throw new AppError("forbidden:voice", "Only people who can speak in this meeting have a speaking indicator.");
  const { speaking } = await readJson(request, postVoiceSchema);
  const room = roomNameForMeeting(meeting);
  if (!(await findParticipant(room, caller.identity))) throw new AppError("conflict:not_in_room", "Join the meeting first.");
  await getRoomService().updateParticipant(room, caller.identity, { attributes: { [SPEAKING_ATTRIBUTE]: speakingAttribute(speaking) } });
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
