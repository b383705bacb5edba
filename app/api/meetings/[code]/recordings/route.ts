import { randomUUID } from "node:crypto";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { publishRoomState } from "@/lib/livekit/rooms";
import { createRecording, listRecordings } from "@/lib/db/queries/recordings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { hasJoined } from "@/lib/meetings/admission";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { getEnv } from "@/lib/env";
import { startServerRecording } from "@/lib/recordings/egress";
import { canViewRecording } from "@/lib/recordings/access";
import { recordingToJson } from "@/lib/recordings/load";
import { getStorage } from "@/lib/storage";
import { startRecordingSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

/** The meeting's recordings this caller may see. */
export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const joined = await hasJoined(meeting, caller);
  const visible = (await listRecordings({ meetingId: meeting.id })).filter((r) => canViewRecording(caller.role, r, { joined }));
  return Response.json({ recordings: visible.map(recordingToJson) });
});

/**
 * Starts a recording: a row, and a multipart upload the recording browser sends its chunks to
 * (POST /api/recordings/:id/parts for each part's URL, then /complete); or, `mode: "server"`, a
 * LiveKit RoomComposite egress writing to the same bucket (stopped with POST /api/recordings/:id/stop).
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  if (!can(caller.role, "recording.start")) throw new AppError("forbidden:recording", "Only hosts can record this meeting.");
  const { mimeType, title, encrypted = false, mode = "browser" } = await readJson(request, startRecordingSchema);
  const settings = readMeetingSettings(meeting.settings);
  if (encrypted && !settings.e2ee) {
    throw new AppError("bad_request:recording_encrypted", "Only end-to-end encrypted meetings have a key to encrypt recordings with.");
  }
  if (mode === "server" && !getEnv().serverRecording) throw new AppError("conflict:server_recording", "Server recording is not set up here (LIVEKIT_EGRESS and S3).");
  if (mode === "server" && settings.e2ee) throw new AppError("conflict:server_recording", "The server cannot record an end-to-end encrypted meeting: it has no key. Record in your browser.");
  const id = randomUUID();
  const defaultTitle = `${meeting.title} — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  let recording;
  if (mode === "server") {
    const objectKey = `recordings/${meeting.code}/${id}.mp4`;
    const egressId = await startServerRecording(meeting, objectKey);
    recording = await createRecording({ id, meetingId: meeting.id, startedBy: caller.identity, title: title ?? defaultTitle, objectKey, mimeType: "video/mp4", uploadId: null, egressId });
  } else {
    const extension = mimeType.toLowerCase().startsWith("video/mp4") ? "mp4" : "webm";
    const objectKey = `recordings/${meeting.code}/${id}.${extension}`;
    const storage = await getStorage();
    const { uploadId } = await storage.createMultipartUpload(objectKey, { contentType: encrypted ? "application/octet-stream" : mimeType.split(";")[0] });
    recording = await createRecording({ id, meetingId: meeting.id, startedBy: caller.identity, title: title ?? defaultTitle, objectKey, mimeType, uploadId, encrypted });
  }
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.started", detail: { recordingId: id } });
  await publishRoomState(meeting); // everyone in the room sees that it is being recorded
  return Response.json({ recording: recordingToJson(recording) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
