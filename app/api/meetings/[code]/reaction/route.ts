import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { findParticipant, sendServerMessage } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { REACTION_EMOJI } from "@/lib/meetings/room-signals";

type Ctx = { params: Promise<{ code: string }> };

const reactionSchema = z.object({ emoji: z.enum(REACTION_EMOJI, { message: `Pick one of ${REACTION_EMOJI.join(" ")}` }) });

/** Relays a reaction to everyone, attributed by the server (not by the sender's client). */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const { emoji } = await readJson(request, reactionSchema);
  if (!can(caller.role, "reaction.send")) throw new AppError("forbidden:reaction", "You can't send reactions in this meeting.");
  const room = roomNameForMeeting(meeting);
  if (!(await findParticipant(room, caller.identity))) throw new AppError("conflict:not_in_room", "Join the meeting first.");
  await sendServerMessage(room, "parley.reaction", { emoji, identity: caller.identity, name: caller.name });
  return Response.json({ ok: true });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
