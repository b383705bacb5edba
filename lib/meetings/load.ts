import "server-only";
import { AppError } from "@/lib/errors";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import type { Meeting } from "@/lib/db/schema";
import { getMeetingCaller, type MeetingCaller } from "@/lib/auth/caller";
import { isBanned } from "@/lib/db/queries/meeting-bans";
import { isMeetingCode } from "./code";

export async function loadMeetingOr404(code: string): Promise<Meeting> {
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  if (!meeting) throw new AppError("not_found:meeting", "No meeting has that code.");
  return meeting;
}

/** session/guest → meeting → caller: 404 for an unknown code, 401 for nobody, 403 when banned. */
export async function loadMeetingAndCaller(code: string): Promise<{ meeting: Meeting; caller: MeetingCaller }> {
  const meeting = await loadMeetingOr404(code);
  const caller = await getMeetingCaller(meeting);
  if (!caller) throw new AppError("unauthorized:meeting", "Sign in or join this meeting as a guest first.");
  // A banned person keeps their cookie or session; every meeting route refuses them, not only the token.
  if (await isBanned({ meetingId: meeting.id, identity: caller.identity })) {
    throw new AppError("forbidden:banned", "A host removed you from this meeting. You can't rejoin it.");
  }
  return { meeting, caller };
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
