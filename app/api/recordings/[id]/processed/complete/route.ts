import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { updateRecording } from "@/lib/db/queries/recordings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { processedKeys } from "@/lib/recordings/files";
import { checkProcessing, loadRecordingAndCaller, recordingToJson } from "@/lib/recordings/load";
import { StorageError, getStorage } from "@/lib/storage";
import { completeProcessingSchema } from "../../schema";

type Ctx = { params: Promise<{ id: string }> };

/** The MP4 and poster are uploaded: the recording now plays from the MP4, and the browser's original file is removed. */
export const POST = route(async (request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  checkProcessing(caller, recording);
  const { video, poster, durationMs } = await readJson(request, completeProcessingSchema);
  const storage = await getStorage();
  const keys = processedKeys(recording);
  let videoInfo;
  try {
    videoInfo = await storage.completeMultipartUpload(keys.video, video.uploadId, [{ partNumber: 1, etag: video.etag }]);
    await storage.completeMultipartUpload(keys.poster, poster.uploadId, [{ partNumber: 1, etag: poster.etag }]);
  } catch (error) {
    if (error instanceof StorageError) throw new AppError("bad_request:processed_upload", `The processed files are not all uploaded: ${error.message}`);
    throw error;
  }
  const updated = await updateRecording({
    id: recording.id,
    changes: { objectKey: keys.video, mimeType: "video/mp4", sizeBytes: videoInfo.size, durationMs, processedAt: new Date(), posterKey: keys.poster },
  });
  if (recording.objectKey !== keys.video) await storage.delete(recording.objectKey);
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.processed", target: recording.id, detail: { sizeBytes: videoInfo.size, durationMs } });
  return Response.json({ recording: recordingToJson(updated ?? recording) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
