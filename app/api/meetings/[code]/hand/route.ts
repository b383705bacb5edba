import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { findParticipant, getRoomService } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";

type Ctx = { params: Promise<{ code: string }> };

const handSchema = z.object({ raised: z.boolean() });

/**
 * Raises or lowers your own hand. Stored by the server as the participant
 * attribute `hand` (raise time, "" = lowered) so everyone sees the same order.
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const { raised } = await readJson(request, handSchema);
  if (!can(caller.role, "hand.raise")) throw new AppError("forbidden:hand", "You can't raise a hand in this meeting.");
  const room = roomNameForMeeting(meeting);
  if (!(await findParticipant(room, caller.identity))) throw new AppError("conflict:not_in_room", "Join the meeting first.");
  const hand = raised ? new Date().toISOString() : "";
  await getRoomService().updateParticipant(room, caller.identity, { attributes: { hand } });
  return Response.json({ hand });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
