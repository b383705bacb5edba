import "server-only";
import type { Meeting, Recording } from "@/lib/db/schema";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { getStorage } from "@/lib/storage";

const DAY_MS = 24 * 3600_000;

/** Where post-processing puts a recording's MP4 and poster: beside the browser's file, named by the recording. */
export function processedKeys(recording: Pick<Recording, "id" | "objectKey">): { video: string; poster: string } {
  const folder = recording.objectKey.slice(0, recording.objectKey.lastIndexOf("/"));
  return { video: `${folder}/${recording.id}.processed.mp4`, poster: `${folder}/${recording.id}.poster.jpg` };
}

/** When a recording that ends at `endedAt` is to be deleted under the meeting's retention setting (null: kept). */
export function deleteAfterFor(meeting: Pick<Meeting, "settings">, endedAt: Date): Date | null {
  const days = readMeetingSettings(meeting.settings).recordingRetentionDays;
  return days === null ? null : new Date(endedAt.getTime() + days * DAY_MS);
}

/** Deletes every file a recording has (the file, its poster, an unfinished upload, a half-made MP4). */
export async function deleteRecordingFiles(recording: Recording): Promise<void> {
  const storage = await getStorage();
  if (recording.uploadId) await storage.abortMultipartUpload(recording.objectKey, recording.uploadId).catch(() => undefined);
  const { video, poster } = processedKeys(recording);
  const keys = new Set([recording.objectKey, video, poster, ...(recording.posterKey ? [recording.posterKey] : [])]);
  for (const key of keys) await storage.delete(key);
}
