import { z } from "zod";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { updateMeeting } from "@/lib/db/queries/meetings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { publishRoomState } from "@/lib/livekit/rooms";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { readMeetingSettings } from "@/lib/meetings/settings";

type Ctx = { params: Promise<{ code: string }> };

const captionsSchema = z.object({ enabled: z.boolean({ message: "enabled must be true or false" }) });

/** Turns live captions on (anyone in the meeting) or off (hosts) for everyone; the room is told through its metadata. */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const { enabled } = await readJson(request, captionsSchema);
  if (!can(caller.role, enabled ? "captions.start" : "captions.stop")) {
    throw new AppError("forbidden:captions", "Only hosts can turn captions off for everyone. You can hide them for yourself.");
  }
  const settings = readMeetingSettings(meeting.settings);
  if (settings.captions === enabled) return Response.json({ captions: enabled });
  const updated = await updateMeeting({ id: meeting.id, changes: { settings: { ...settings, captions: enabled } } });
  await publishRoomState(updated ?? meeting);
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: enabled ? "captions.started" : "captions.stopped" });
  return Response.json({ captions: enabled });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
