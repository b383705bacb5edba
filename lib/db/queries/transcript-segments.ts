import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import type { StoredCaption } from "@/lib/meetings/captions";
import { transcriptSegments, type TranscriptSegment } from "../schema";

/**
 * Stores a finished caption segment once per (meeting, segmentId): a retry of the same segment
 * returns the stored row instead of adding a duplicate.
 */
export async function addTranscriptSegment(input: {
  meetingId: string;
  segmentId: string;
  speakerIdentity: string;
  speakerName: string;
  language: string;
  startedAt: Date;
  endedAt: Date;
  text: string;
}): Promise<{ segment: TranscriptSegment; created: boolean }> {
  const db = await getDb();
  const [inserted] = await db
    .insert(transcriptSegments)
    .values(input)
    .onConflictDoNothing({ target: [transcriptSegments.meetingId, transcriptSegments.segmentId] })
    .returning();
  if (inserted) return { segment: inserted, created: true };
  const [existing] = await db
    .select()
    .from(transcriptSegments)
    .where(and(eq(transcriptSegments.meetingId, input.meetingId), eq(transcriptSegments.segmentId, input.segmentId)))
    .limit(1);
  return { segment: existing, created: false };
}

/** A meeting's transcript in speaking order. */
export async function listTranscriptSegments({ meetingId, limit = 5000 }: { meetingId: string; limit?: number }): Promise<TranscriptSegment[]> {
  const db = await getDb();
  return db
    .select()
    .from(transcriptSegments)
    .where(eq(transcriptSegments.meetingId, meetingId))
    .orderBy(asc(transcriptSegments.startedAt), asc(transcriptSegments.createdAt))
    .limit(limit);
}

/** A stored segment as the API and the transcript page give it out. */
export function toStoredCaption(s: TranscriptSegment): StoredCaption {
  return {
    segmentId: s.segmentId,
    identity: s.speakerIdentity,
    name: s.speakerName,
    language: s.language === "zh" ? "zh" : "en",
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt.toISOString(),
    text: s.text,
  };
}
