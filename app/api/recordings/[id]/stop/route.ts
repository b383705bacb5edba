import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { AppError } from "@/lib/errors";
import { refuseOtherMethods, route } from "@/lib/http";
import { can } from "@/lib/meetings/permissions";
import { stopServerRecording } from "@/lib/recordings/egress";
import { loadRecordingAndCaller, recordingToJson } from "@/lib/recordings/load";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Stops a server-side (Egress) recording. It becomes ready when LiveKit reports `egress_ended`
 * (webhook). Browser recordings stop in the recording browser (POST ./complete).
 */
export const POST = route(async (_request, { params }: Ctx) => {
  const { recording, meeting, caller } = await loadRecordingAndCaller((await params).id);
  if (!can(caller.role, "recording.manage")) throw new AppError("forbidden:recording", "Only hosts can stop recordings.");
  if (!recording.egressId || recording.status !== "recording") {
    throw new AppError("conflict:recording_stop", "Only a server recording that is running can be stopped here; a browser recording stops in the browser recording it.");
  }
  await stopServerRecording(recording.egressId);
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "recording.stop_requested", target: recording.id });
  return Response.json({ recording: recordingToJson(recording) }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
