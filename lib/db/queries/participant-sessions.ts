import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "../client";
import { participantSessions, type ParticipantSession } from "../schema";

/** Idempotent on the LiveKit participant sid: a replayed join changes nothing. */
export async function recordParticipantJoined({
  meetingId,
  identity,
  livekitSid,
  displayName,
  joinedAt,
}: {
  meetingId: string;
  identity: string;
  livekitSid: string;
  displayName: string | null;
  joinedAt: Date;
}) {
  const db = await getDb();
  await db
    .insert(participantSessions)
    .values({ meetingId, identity, livekitSid, displayName, joinedAt })
    .onConflictDoNothing({ target: participantSessions.livekitSid });
}

export async function recordParticipantLeft({ meetingId, identity, livekitSid, displayName, leftAt }: {
  meetingId: string;
  identity: string;
  livekitSid: string;
  displayName: string | null;
  leftAt: Date;
}) {
  const db = await getDb();
  // A "left" can arrive without its "joined" (webhook lost or reordered): keep the session anyway.
  await db
    .insert(participantSessions)
    .values({ meetingId, identity, livekitSid, displayName, joinedAt: leftAt, leftAt })
    .onConflictDoUpdate({ target: participantSessions.livekitSid, set: { leftAt } });
}

/** Closes sessions still open when the room finished (participants that never sent "left"). */
export async function closeOpenSessions({ meetingId, at }: { meetingId: string; at: Date }) {
  const db = await getDb();
  await db
    .update(participantSessions)
    .set({ leftAt: at })
    .where(and(eq(participantSessions.meetingId, meetingId), isNull(participantSessions.leftAt)));
}

export async function listParticipantSessions({ meetingId }: { meetingId: string }): Promise<ParticipantSession[]> {
  const db = await getDb();
  return db
    .select()
    .from(participantSessions)
    .where(eq(participantSessions.meetingId, meetingId))
    .orderBy(asc(participantSessions.joinedAt));
}

/** Whether this identity has been in the meeting's room before (a locked meeting still lets them back). */
export async function hasBeenInRoom({ meetingId, identity }: { meetingId: string; identity: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .select({ id: participantSessions.id })
    .from(participantSessions)
    .where(and(eq(participantSessions.meetingId, meetingId), eq(participantSessions.identity, identity)))
    .limit(1);
  return rows.length > 0;
}
