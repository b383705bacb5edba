import "server-only";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { listRecordings, updateRecording } from "@/lib/db/queries/recordings";
import type { Meeting } from "@/lib/db/schema";
import { publishRoomState } from "@/lib/livekit/rooms";
import { getStorage } from "@/lib/storage";
import { deleteAfterFor } from "./files";

/**
 * Ends the recordings still running in a meeting when the browser recording them has left (or the
 * room has finished): the parts already uploaded become the recording, so what was captured is
 * kept; with no part at all the upload is dropped and the recording marked failed. Then everyone
 * still in the room stops seeing the recording badge.
 */
export async function finishAbandonedRecordings({ meeting, identity }: { meeting: Meeting; identity?: string }): Promise<number> {
  const running = (await listRecordings({ meetingId: meeting.id })).filter((r) => r.status === "recording" && r.uploadId && (!identity || r.startedBy === identity));
  if (running.length === 0) return 0;
  const storage = await getStorage();
  for (const recording of running) {
    const uploadId = recording.uploadId!;
    const parts = await storage.listParts(recording.objectKey, uploadId).catch(() => []);
    if (parts.length === 0) {
      await storage.abortMultipartUpload(recording.objectKey, uploadId).catch(() => undefined);
      await updateRecording({ id: recording.id, changes: { status: "failed", uploadId: null, endedAt: new Date() } });
    } else {
      try {
        const info = await storage.completeMultipartUpload(recording.objectKey, uploadId, parts);
        const endedAt = new Date();
        await updateRecording({ id: recording.id, changes: { status: "ready", uploadId: null, sizeBytes: info.size, endedAt, deleteAfter: deleteAfterFor(meeting, endedAt) } });
      } catch (error) {
        // The parts stay in storage (the upload is not aborted), so nothing captured is thrown away.
        console.error(`[recordings] could not finish ${recording.id} from its uploaded parts`, error);
        await updateRecording({ id: recording.id, changes: { status: "failed", endedAt: new Date() } });
      }
    }
    await addAuditEntry({ meetingId: meeting.id, actor: "server", action: "recording.finished_on_leave", target: recording.id, detail: { parts: parts.length } });
  }
  await publishRoomState(meeting);
  return running.length;
}
