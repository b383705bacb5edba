import "server-only";
import { hasBanMarker, setBanMarker } from "@/lib/auth/ban-marker";
import type { MeetingCaller } from "@/lib/auth/caller";
import { getLobbyRequest } from "@/lib/db/queries/lobby-requests";
import { isBanned } from "@/lib/db/queries/meeting-bans";
import { hasBeenInRoom } from "@/lib/db/queries/participant-sessions";
import type { Meeting } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isHostRole } from "./permissions";
import { readMeetingSettings } from "./settings";

export type Admission = "in" | "lobby";

export function bannedError(): AppError {
  return new AppError("forbidden:banned", "A host removed you from this meeting. You can't rejoin it.");
}

type AdmissionOptions = {
  /** Leave the browser a ban marker when the caller is banned (route handlers; pages cannot set cookies). */
  rememberBan?: boolean;
};

/** 403 for a banned identity, and for anyone else in a browser that carries this meeting's ban marker (hosts excepted). */
export async function refuseBanned(meeting: Meeting, caller: MeetingCaller, { rememberBan = true }: AdmissionOptions = {}): Promise<void> {
  if (await isBanned({ meetingId: meeting.id, identity: caller.identity })) {
    if (rememberBan) await setBanMarker(meeting, caller.identity);
    throw bannedError();
  }
  // The same browser under a new guest identity or another account. Hosts are never banned, and
  // a marker left in a shared browser must not lock a host out of their own meeting.
  if (!isHostRole(caller.role) && (await hasBanMarker(meeting))) throw bannedError();
}

/**
 * Whether the caller may enter the room now, must wait in the lobby, or is refused (throws:
 * banned, locked, denied). The token route and every meeting route ask it, so calling the API
 * directly gets no further than the UI does.
 */
export async function checkAdmission(meeting: Meeting, caller: MeetingCaller, { rememberBan = true }: AdmissionOptions = {}): Promise<Admission> {
  await refuseBanned(meeting, caller, { rememberBan });
  if (isHostRole(caller.role)) return "in";
  const request = await getLobbyRequest({ meetingId: meeting.id, identity: caller.identity });
  if (request?.status === "admitted") return "in";
  // A host removed them (no ban): they are a newcomer again, and knock whatever the lobby setting.
  const removed = request?.status === "removed";
  // Someone who was already in the room (a dropped connection, a reload) comes straight back.
  if (!removed && (await hasBeenInRoom({ meetingId: meeting.id, identity: caller.identity }))) return "in";
  const settings = readMeetingSettings(meeting.settings);
  if (settings.locked) throw new AppError("forbidden:locked", "This meeting is locked. Ask the host to unlock it.");
  const mustWait = removed || (settings.lobby === "everyone" ? !caller.member : settings.lobby === "guests" ? caller.kind === "guest" : false);
  if (!mustWait) return "in";
  if (request?.status === "denied") throw new AppError("forbidden:lobby_denied", "The host did not let you in.");
  return "lobby";
}

/** Refuses (403) anyone who is not let into the room right now: waiting in the lobby, denied, locked out or banned. */
export async function requireAdmitted(meeting: Meeting, caller: MeetingCaller): Promise<void> {
  if ((await checkAdmission(meeting, caller)) === "lobby") {
    throw new AppError("forbidden:lobby", "This meeting has a lobby: wait for a host to let you in.");
  }
}

/**
 * Whether the caller has really been in this meeting: a member (signed-in people become one when
 * they are let in), someone who was in the room, or someone a host admitted. Knowing the code is not enough.
 */
export async function hasJoined(meeting: Meeting, caller: MeetingCaller): Promise<boolean> {
  if (caller.member || isHostRole(caller.role)) return true;
  if ((await getLobbyRequest({ meetingId: meeting.id, identity: caller.identity }))?.status === "admitted") return true;
  return hasBeenInRoom({ meetingId: meeting.id, identity: caller.identity });
}
