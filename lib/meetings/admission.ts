import "server-only";
import type { MeetingCaller } from "@/lib/auth/caller";
import { getLobbyRequest } from "@/lib/db/queries/lobby-requests";
import { isBanned } from "@/lib/db/queries/meeting-bans";
import { hasBeenInRoom } from "@/lib/db/queries/participant-sessions";
import type { Meeting } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isHostRole } from "./permissions";
import { readMeetingSettings } from "./settings";

export type Admission = "in" | "lobby";

/**
 * Whether the caller may enter the room now, must wait in the lobby, or is
 * refused (throws). Checked by the token route, so calling the API directly
 * gets no further than the UI does.
 */
export async function checkAdmission(meeting: Meeting, caller: MeetingCaller): Promise<Admission> {
  if (await isBanned({ meetingId: meeting.id, identity: caller.identity })) {
    throw new AppError("forbidden:banned", "A host removed you from this meeting. You can't rejoin it.");
  }
  if (isHostRole(caller.role)) return "in";
  // Someone who was already in the room (a dropped connection, a reload) comes straight back.
  if (await hasBeenInRoom({ meetingId: meeting.id, identity: caller.identity })) return "in";
  const settings = readMeetingSettings(meeting.settings);
  const request = await getLobbyRequest({ meetingId: meeting.id, identity: caller.identity });
  if (request?.status === "admitted") return "in";
  if (settings.locked) throw new AppError("forbidden:locked", "This meeting is locked. Ask the host to unlock it.");
  const mustWait = settings.lobby === "everyone" ? !caller.member : settings.lobby === "guests" ? caller.kind === "guest" : false;
  if (!mustWait) return "in";
  if (request?.status === "denied") throw new AppError("forbidden:lobby_denied", "The host did not let you in.");
  return "lobby";
}
