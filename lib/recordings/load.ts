import "server-only";
import type { MeetingCaller } from "@/lib/auth/caller";
import { getMeetingById } from "@/lib/db/queries/meetings";
import { getRecordingById, listRecordingsForUser } from "@/lib/db/queries/recordings";
import type { Meeting, Recording } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { awaitsProcessing, canViewRecording, mayProcess } from "./access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * recording → its meeting → caller: 404 for an unknown id, then the meeting's own checks (401 for
 * nobody, 403 when banned). Whether the caller may see or change it is the route's question.
 */
export async function loadRecordingAndCaller(id: string): Promise<{ recording: Recording; meeting: Meeting; caller: MeetingCaller }> {
  const recording = UUID.test(id) ? await getRecordingById({ id }) : undefined;
  const meeting = recording ? await getMeetingById({ id: recording.meetingId }) : undefined;
  if (!recording || !meeting) throw new AppError("not_found:recording", "There is no such recording.");
  const { caller } = await loadMeetingAndCaller(meeting.code);
  return { recording, meeting, caller };
}

/** The JSON shape of a recording in API responses. */
export function recordingToJson(r: Recording) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    mimeType: r.mimeType,
    sizeBytes: r.sizeBytes,
    durationMs: r.durationMs,
    sharedWithMembers: r.sharedWithMembers,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    /** True once post-processing made it a seekable MP4 with a poster. */
    processed: r.processedAt !== null,
    encrypted: r.encrypted,
    deleteAfter: r.deleteAfter?.toISOString() ?? null,
  };
}

/** 403 for callers who may not process a recording, 409 when it is not waiting to be processed. */
export function checkProcessing(caller: MeetingCaller, recording: Recording): void {
  if (!mayProcess(caller, recording)) throw new AppError("forbidden:recording", "Only hosts, or the browser that recorded it, can process a recording.");
  if (!awaitsProcessing(recording)) throw new AppError("conflict:recording_processed", "This recording is not waiting to be processed (it is still recording, already processed, or failed).");
}

/** Recordings of the user's meetings that the user may see (their role there decides), newest first. */
export async function listVisibleRecordingsForUser(userId: string) {
  // Every row comes from the user's own membership of that meeting: they joined it.
  return (await listRecordingsForUser({ userId })).filter(({ recording, role }) => canViewRecording(role, recording, { joined: true }));
}
