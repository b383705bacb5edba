import "server-only";
import { and, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import { getDb } from "../client";
import { meetingMembers, meetings, recordings, type MeetingRole, type Recording } from "../schema";

export async function createRecording(values: {
  id: string;
  meetingId: string;
  startedBy: string;
  title: string;
  objectKey: string;
  mimeType: string;
  uploadId: string | null;
  encrypted?: boolean;
  egressId?: string;
}): Promise<Recording> {
  const db = await getDb();
  const [row] = await db.insert(recordings).values(values).returning();
  return row;
}

export async function getRecordingById({ id }: { id: string }): Promise<Recording | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(recordings).where(eq(recordings.id, id)).limit(1);
  return row;
}

/** A meeting's recordings, newest first. */
export async function listRecordings({ meetingId }: { meetingId: string }): Promise<Recording[]> {
  const db = await getDb();
  return db.select().from(recordings).where(eq(recordings.meetingId, meetingId)).orderBy(desc(recordings.startedAt));
}

/** Recordings of every meeting the user is a member of, with their role there and the meeting's code and title; newest first. */
export async function listRecordingsForUser({ userId, limit = 500 }: { userId: string; limit?: number }): Promise<Array<{ recording: Recording; role: MeetingRole; meeting: { code: string; title: string } }>> {
  const db = await getDb();
  return db
    .select({ recording: recordings, role: meetingMembers.role, meeting: { code: meetings.code, title: meetings.title } })
    .from(recordings)
    .innerJoin(meetings, eq(meetings.id, recordings.meetingId))
    .innerJoin(meetingMembers, and(eq(meetingMembers.meetingId, recordings.meetingId), eq(meetingMembers.userId, userId)))
    .orderBy(desc(recordings.startedAt))
    .limit(limit);
}

/** Recordings whose retention has run out. */
export async function listExpiredRecordings({ now, limit = 100 }: { now: Date; limit?: number }): Promise<Recording[]> {
  const db = await getDb();
  return db
    .select()
    .from(recordings)
    .where(and(isNotNull(recordings.deleteAfter), lte(recordings.deleteAfter, now)))
    .limit(limit);
}

/** Whether a recording of the meeting is in progress (the room shows it to everyone). */
export async function isRecording({ meetingId }: { meetingId: string }): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: recordings.id })
    .from(recordings)
    .where(and(eq(recordings.meetingId, meetingId), eq(recordings.status, "recording")))
    .limit(1);
  return row !== undefined;
}

export async function updateRecording({
  id,
  changes,
}: {
  id: string;
  changes: Partial<Pick<Recording, "title" | "status" | "objectKey" | "mimeType" | "uploadId" | "sizeBytes" | "durationMs" | "sharedWithMembers" | "endedAt" | "processedAt" | "posterKey" | "deleteAfter" | "egressId">>;
}): Promise<Recording | undefined> {
  const db = await getDb();
  const [row] = await db.update(recordings).set(changes).where(eq(recordings.id, id)).returning();
  return row;
}

export async function deleteRecording({ id }: { id: string }) {
  const db = await getDb();
  await db.delete(recordings).where(eq(recordings.id, id));
}

/** A meeting's retention changed: every ended recording of it is now kept `days` after it ended (null: kept). */
export async function applyRecordingRetention({ meetingId, days }: { meetingId: string; days: number | null }) {
  const db = await getDb();
  await db
    .update(recordings)
    .set({ deleteAfter: days === null ? null : sql`${recordings.endedAt} + make_interval(days => ${days}::int)` })
    .where(and(eq(recordings.meetingId, meetingId), isNotNull(recordings.endedAt)));
}

export async function getRecordingByEgressId({ egressId }: { egressId: string }): Promise<Recording | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(recordings).where(eq(recordings.egressId, egressId)).limit(1);
  return row;
}
