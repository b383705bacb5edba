import "server-only";
import type { Meeting } from "@/lib/db/schema";
import { listRoomParticipants, sendServerMessage } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { readParticipantRole } from "./participant-role";
import { isHostRole } from "./permissions";

export const LOBBY_TOPIC = "parley.lobby";

/** Tells hosts in the room that someone knocked (names stay on the server until a host asks). */
export async function notifyHostsOfKnock(meeting: Meeting) {
  const room = roomNameForMeeting(meeting);
  const hosts = (await listRoomParticipants(room)).filter((p) => isHostRole(readParticipantRole(p.metadata))).map((p) => p.identity);
  await sendServerMessage(room, LOBBY_TOPIC, { type: "knock" }, hosts);
}
