import "server-only";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { deleteRecording, listExpiredRecordings } from "@/lib/db/queries/recordings";
import { deleteRecordingFiles } from "@/lib/recordings/files";

/**
 * Deletes recordings whose meeting's retention has run out (recordings.delete_after). Idempotent
 * and safe to run from several servers at once: files first, then the row, so a failure halfway is
 * retried on the next run. Returns how many were deleted.
 */
export async function deleteExpiredRecordings({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  let deleted = 0;
  for (const recording of await listExpiredRecordings({ now })) {
    try {
      await deleteRecordingFiles(recording);
      await deleteRecording({ id: recording.id });
      await addAuditEntry({ meetingId: recording.meetingId, actor: "server", action: "recording.expired", target: recording.id, detail: { deleteAfter: recording.deleteAfter?.toISOString() } });
      deleted++;
    } catch (error) {
      console.error(`[recordings] could not delete expired recording ${recording.id}; will retry`, error);
    }
  }
  return deleted;
}

const HOUR_MS = 3600_000;

/** Runs the retention sweep soon after the server starts and then every hour (instrumentation.ts). */
export function scheduleRecordingRetention(): void {
  const run = () => deleteExpiredRecordings().catch((error: unknown) => console.error("[recordings] retention sweep failed", error));
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR_MS).unref();
}
