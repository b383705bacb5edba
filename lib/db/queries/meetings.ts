import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { generateMeetingCode } from "@/lib/meetings/code";
import type { MeetingSettings } from "@/lib/meetings/settings";
import { getDb } from "../client";
import { meetingMembers, meetings, type Meeting, type MeetingRole } from "../schema";

export async function getMeetingByCode({ code }: { code: string }): Promise<Meeting | undefined> {
  const db = await getDb();
  const [meeting] = await db.select().from(meetings).where(eq(meetings.code, code)).limit(1);
  return meeting;
}

export async function getMeetingById({ id }: { id: string }): Promise<Meeting | undefined> {
  const db = await getDb();
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  return meeting;
}

/** Creates a meeting with a fresh code and makes the creator its host, in one transaction. */
export async function createMeeting({
  hostId,
  title,
  scheduledStart,
  settings,
}: {
  hostId: string;
  title: string;
  scheduledStart: Date | null;
  settings: MeetingSettings;
}): Promise<Meeting> {
  const db = await getDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateMeetingCode();
    const created = await db.transaction(async (tx) => {
      const [meeting] = await tx
        .insert(meetings)
        .values({ code, title, hostId, scheduledStart, settings })
        .onConflictDoNothing({ target: meetings.code })
        .returning();
      if (!meeting) return undefined;
      await tx.insert(meetingMembers).values({ meetingId: meeting.id, userId: hostId, role: "host" });
      return meeting;
    });
    if (created) return created;
  }
  throw new Error("could not find a free meeting code after 5 attempts");
}

export async function updateMeeting({
  id,
  changes,
}: {
  id: string;
  changes: Partial<Pick<Meeting, "title" | "scheduledStart" | "status" | "settings" | "startedAt" | "endedAt">>;
}): Promise<Meeting | undefined> {
  const db = await getDb();
  const [meeting] = await db.update(meetings).set(changes).where(eq(meetings.id, id)).returning();
  return meeting;
}

/** Marks a meeting live when its room starts; keeps the first start time. */
export async function markMeetingLive({ id, at }: { id: string; at: Date }) {
  const db = await getDb();
  await db
    .update(meetings)
    .set({ status: "live", startedAt: sql`coalesce(${meetings.startedAt}, ${at})`, endedAt: null })
    .where(eq(meetings.id, id));
}

export async function markMeetingEnded({ id, at }: { id: string; at: Date }) {
  const db = await getDb();
  await db.update(meetings).set({ status: "ended", endedAt: at }).where(and(eq(meetings.id, id), ne(meetings.status, "ended")));
}

export async function getMemberRole({ meetingId, userId }: { meetingId: string; userId: string }): Promise<MeetingRole | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ role: meetingMembers.role })
    .from(meetingMembers)
    .where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, userId)))
    .limit(1);
  return row?.role;
}

/** Adds a signed-in user who opened the link as a participant; an existing role is kept. */
export async function ensureMember({ meetingId, userId, role }: { meetingId: string; userId: string; role: MeetingRole }): Promise<MeetingRole> {
  const db = await getDb();
  await db.insert(meetingMembers).values({ meetingId, userId, role }).onConflictDoNothing();
  return (await getMemberRole({ meetingId, userId })) ?? role;
}

export type MeetingListItem = Meeting & { role: MeetingRole };

/** Upcoming = not ended and (unscheduled or starting in the future / recently); past = ended or long gone. */
export async function listMeetingsForUser({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const db = await getDb();
  const rows = await db
    .select({ meeting: meetings, role: meetingMembers.role })
    .from(meetingMembers)
    .innerJoin(meetings, eq(meetings.id, meetingMembers.meetingId))
    .where(eq(meetingMembers.userId, userId))
    .orderBy(asc(meetings.scheduledStart), desc(meetings.createdAt))
    .limit(200);
  const staleBefore = new Date(now.getTime() - 12 * 3600_000);
  const items: MeetingListItem[] = rows.map((r) => ({ ...r.meeting, role: r.role }));
  const isPast = (m: Meeting) => m.status === "ended" || (m.status !== "live" && (m.scheduledStart ?? m.createdAt) < staleBefore);
  return {
    upcoming: items.filter((m) => !isPast(m)),
    past: items.filter(isPast).sort((a, b) => (b.endedAt ?? b.createdAt).getTime() - (a.endedAt ?? a.createdAt).getTime()),
  };
}

export async function setMemberRole({ meetingId, userId, role }: { meetingId: string; userId: string; role: MeetingRole }) {
  const db = await getDb();
  await db
    .insert(meetingMembers)
    .values({ meetingId, userId, role })
    .onConflictDoUpdate({ target: [meetingMembers.meetingId, meetingMembers.userId], set: { role } });
}
