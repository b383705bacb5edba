import "server-only";
import type { Meeting, MeetingRole } from "@/lib/db/schema";
import { getGuestById } from "@/lib/db/queries/guests";
import { ensureMember, getMemberRole } from "@/lib/db/queries/meetings";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { getSessionUser } from "./index";
import { readGuestCookie } from "./guest";

/** Who is asking, in the context of one meeting. The LiveKit identity is our user or guest id. */
export type MeetingCaller = {
  kind: "user" | "guest";
  identity: string;
  name: string;
  role: MeetingRole;
  canPublish: boolean;
  /** A signed-in user with a role in this meeting already (invited, or joined before). */
  member: boolean;
};

/**
 * Resolves the caller for a meeting without changing anything. A signed-in user
 * who is not yet a member is reported as a would-be participant (`role: "participant"`).
 */
export async function getMeetingCaller(meeting: Meeting): Promise<MeetingCaller | null> {
  const user = await getSessionUser();
  if (user) {
    const memberRole = await getMemberRole({ meetingId: meeting.id, userId: user.id });
    const role = memberRole ?? "participant";
    return { kind: "user", identity: user.id, name: user.name, role, canPublish: role !== "viewer", member: memberRole !== undefined };
  }
  const claims = await readGuestCookie(meeting.code);
  if (!claims || claims.meetingId !== meeting.id) return null;
  const guest = await getGuestById({ id: claims.guestId });
  if (!guest || guest.meetingId !== meeting.id) return null;
  const settings = readMeetingSettings(meeting.settings);
  if (!settings.allowGuests) return null;
  return {
    kind: "guest",
    identity: guest.id,
    name: guest.displayName,
    role: "guest",
    canPublish: guest.canPublish && settings.guestsCanPublish,
    member: false,
  };
}

/** Records a signed-in user's membership once they are let in (an existing role is kept). */
export async function recordMembership(meeting: Meeting, caller: MeetingCaller): Promise<MeetingCaller> {
  if (caller.kind !== "user" || caller.member) return caller;
  const role = await ensureMember({ meetingId: meeting.id, userId: caller.identity, role: "participant" });
  return { ...caller, role, member: true, canPublish: role !== "viewer" };
}
