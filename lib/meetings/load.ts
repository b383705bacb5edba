import "server-only";
import { AppError } from "@/lib/errors";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import type { Meeting } from "@/lib/db/schema";
import { getMeetingCaller, type MeetingCaller } from "@/lib/auth/caller";
import { refuseBanned, requireAdmitted } from "./admission";
import { isMeetingCode } from "./code";

export async function loadMeetingOr404(code: string): Promise<Meeting> {
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  if (!meeting) throw new AppError("not_found:meeting", "No meeting has that code.");
  return meeting;
}

async function loadMeetingAndAnyCaller(code: string): Promise<{ meeting: Meeting; caller: MeetingCaller }> {
  const meeting = await loadMeetingOr404(code);
  const caller = await getMeetingCaller(meeting);
  if (!caller) throw new AppError("unauthorized:meeting", "Sign in or join this meeting as a guest first.");
  return { meeting, caller };
}

/**
 * session/guest → meeting → caller → admission: 404 for an unknown code, 401 for nobody, 403 for
 * anyone not let into the room (waiting in the lobby, denied, locked out, removed, banned). Every
 * meeting route but knock, guest and token starts here: knowing the link is not being in the meeting.
 */
export async function loadMeetingAndCaller(code: string): Promise<{ meeting: Meeting; caller: MeetingCaller }> {
  const loaded = await loadMeetingAndAnyCaller(code);
  await requireAdmitted(loaded.meeting, loaded.caller);
  return loaded;
}

/** For the lobby's own route (knock): anyone but the banned, admitted or not. */
export async function loadMeetingAndVisitor(code: string): Promise<{ meeting: Meeting; caller: MeetingCaller }> {
  const loaded = await loadMeetingAndAnyCaller(code);
  await refuseBanned(loaded.meeting, loaded.caller);
  return loaded;
}

/** The JSON shape of a meeting in API responses. */
export function meetingToJson(m: Meeting) {
  return {
    code: m.code,
    title: m.title,
    status: m.status,
    scheduledStart: m.scheduledStart?.toISOString() ?? null,
    settings: m.settings,
    createdAt: m.createdAt.toISOString(),
  };
}
