import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { publishRoomState } from "@/lib/livekit/rooms";
import { updateRecording } from "@/lib/db/queries/recordings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { canUpload } from "@/lib/recordings/access";
import { deleteAfterFor } from "@/lib/recordings/files";
import { loadRecordingAndCaller, recordingToJson } from "@/lib/recordings/load";
import { StorageError, getStorage } from "@/lib/storage";
import { completeRecordingSchema } from "../schema";

type Ctx = { params: Promise<{ id: string }> };

/** Joins the uploaded parts into the final file; the recording is then ready to play. */
export const POST = route(async (request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  if (!canUpload(caller.identity, recording) || !recording.uploadId) {
    throw new AppError("forbidden:recording_upload", "Only the browser recording this meeting can finish it, while it records.");
  }
  const { parts, durationMs } = await readJson(request, completeRecordingSchema);
  let info;
  try {
    info = await (await getStorage()).completeMultipartUpload(recording.objectKey, recording.uploadId, parts);
  } catch (error) {
    if (error instanceof StorageError && error.reason === "part") throw new AppError("bad_request:parts", `The parts do not make a whole file: ${error.message}`);
    throw error;
  }
  const endedAt = new Date();
  const updated = await updateRecording({
    id: recording.id,
    changes: { status: "ready", uploadId: null, sizeBytes: info.size, durationMs, endedAt, deleteAfter: deleteAfterFor(meeting, endedAt) },
  });
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.completed", target: recording.id, detail: { sizeBytes: info.size, durationMs } });
  await publishRoomState(meeting);
  return Response.json({ recording: recordingToJson(updated ?? recording) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
