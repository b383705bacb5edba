import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { updateMeeting } from "@/lib/db/queries/meetings";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { publishRoomState } from "@/lib/livekit/rooms";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { assertCaptionServerCanBeChosen } from "@/lib/meetings/server-captions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { captionsSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Turns live captions on (anyone in the meeting) or off (hosts) for everyone, and chooses where they
 * are made (hosts): on each speaker's device, or on the transcription server when one is set up and
 * the meeting is not end-to-end encrypted. The room is told through its metadata.
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const { enabled, server } = await readJson(request, captionsSchema);
  if (enabled !== undefined && !can(caller.role, enabled ? "captions.start" : "captions.stop")) {
    throw new AppError("forbidden:captions", "Only hosts can turn captions off for everyone. You can hide them for yourself.");
  }
  if (server !== undefined && !can(caller.role, "captions.server")) {
    throw new AppError("forbidden:captions_server", "Only hosts can choose where captions are made.");
  }
  const settings = readMeetingSettings(meeting.settings);
  const transcriptionServer = getEnv().transcriptionServer;
  if (server) assertCaptionServerCanBeChosen(settings, transcriptionServer);

  const next = { ...settings, captions: enabled ?? settings.captions, captionsServer: server ?? settings.captionsServer };
  const answer = () => Response.json({ captions: next.captions, server: next.captionsServer });
  if (next.captions === settings.captions && next.captionsServer === settings.captionsServer) return answer();
  const updated = await updateMeeting({ id: meeting.id, changes: { settings: next } });
  await publishRoomState(updated ?? meeting);
  if (next.captions !== settings.captions) {
    await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: next.captions ? "captions.started" : "captions.stopped" });
  }
  if (next.captionsServer !== settings.captionsServer) {
    // Where the speech goes is part of the record: the server's name as participants were told it.
    await addAuditEntry({
      meetingId: meeting.id,
      actor: caller.identity,
      action: next.captionsServer ? "captions.server_chosen" : "captions.device_chosen",
      detail: transcriptionServer ? { server: transcriptionServer.name } : undefined,
    });
  }
  return answer();
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
