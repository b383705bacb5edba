import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { publishRoomState } from "@/lib/livekit/rooms";
import { deleteRecording, updateRecording } from "@/lib/db/queries/recordings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { can } from "@/lib/meetings/permissions";
import { hasJoined } from "@/lib/meetings/admission";
import { canProcess, canViewRecording } from "@/lib/recordings/access";
import { loadRecordingAndCaller, recordingToJson } from "@/lib/recordings/load";
import { deleteRecordingFiles } from "@/lib/recordings/files";
import { getStorage } from "@/lib/storage";
import { updateRecordingSchema } from "./schema";

type Ctx = { params: Promise<{ id: string }> };

/** Short-lived: a leaked link stops working soon; players ask again when it expires. */
const DOWNLOAD_LINK_SECONDS = 10 * 60;

/** A recording and a short-lived link to play or download it. Every access, and every refusal, is audited. */
export const GET = route(async (_request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  if (!canViewRecording(caller.role, recording, { joined: await hasJoined(meeting, caller) })) {
    await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.access_denied", target: recording.id });
    throw new AppError("forbidden:recording", "This recording has not been shared with you.");
  }
  const storage = await getStorage();
  const extension = recording.objectKey.split(".").pop();
  const url =
    recording.status === "ready"
      ? await storage.presignDownload(recording.objectKey, { expiresInSeconds: DOWNLOAD_LINK_SECONDS, filename: `${recording.title}.${extension}` })
      : null;
  const posterUrl = recording.posterKey ? await storage.presignDownload(recording.posterKey, { expiresInSeconds: DOWNLOAD_LINK_SECONDS }) : null;
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.accessed", target: recording.id });
  return Response.json({
    recording: recordingToJson(recording),
    meeting: { code: meeting.code, title: meeting.title },
    url,
    posterUrl,
    expiresInSeconds: url ? DOWNLOAD_LINK_SECONDS : null,
    canManage: can(caller.role, "recording.manage"),
    /** Whether this caller should post-process it (make the MP4 and poster) when it is not done yet. */
    canProcess: canProcess(caller, recording),
  });
});

/** Rename, or share with the meeting's members (hosts and co-hosts). */
export const PATCH = route(async (request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  if (!can(caller.role, "recording.manage")) throw new AppError("forbidden:recording", "Only hosts can change recordings.");
  const changes = await readJson(request, updateRecordingSchema);
  const updated = await updateRecording({ id: recording.id, changes });
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.updated", target: recording.id, detail: changes });
  return Response.json({ recording: recordingToJson(updated ?? recording) });
});

/** Deletes the recording and its file (an unfinished upload is abandoned). */
export const DELETE = route(async (_request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  if (!can(caller.role, "recording.manage")) throw new AppError("forbidden:recording", "Only hosts can delete recordings.");
  await deleteRecordingFiles(recording);
  await deleteRecording({ id: recording.id });
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.deleted", target: recording.id });
  if (recording.status === "recording") await publishRoomState(meeting);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = refuseOtherMethods("GET", "PATCH", "DELETE");
