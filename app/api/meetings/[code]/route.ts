import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { updateMeeting } from "@/lib/db/queries/meetings";
import { applyRecordingRetention } from "@/lib/db/queries/recordings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { loadMeetingAndCaller, meetingToJson } from "@/lib/meetings/load";
import { applySettingsToRoom } from "@/lib/meetings/controls";
import { can } from "@/lib/meetings/permissions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { updateMeetingSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  return Response.json({ meeting: meetingToJson(meeting), you: { identity: caller.identity, name: caller.name, role: caller.role } });
});

/** Host-only changes: title, schedule, settings. */
export const PATCH = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  if (!can(caller.role, "meeting.update")) throw new AppError("forbidden:meeting", "Only the host can change this meeting.");
  const input = await readJson(request, updateMeetingSchema);
  const updated = await updateMeeting({
    id: meeting.id,
    changes: {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.scheduledStart !== undefined ? { scheduledStart: input.scheduledStart ? new Date(input.scheduledStart) : null } : {}),
      ...(input.settings ? { settings: readMeetingSettings({ ...meeting.settings, ...input.settings }) } : {}),
    },
  });
  // People already in the room get the new lock, lobby, guest and chat rules now, as host controls do.
  if (input.settings && updated) await applySettingsToRoom(updated);
  if (input.settings?.recordingRetentionDays !== undefined) {
    await applyRecordingRetention({ meetingId: meeting.id, days: input.settings.recordingRetentionDays });
  }
  await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "meeting.updated", detail: { fields: Object.keys(input) } });
  return Response.json({ meeting: meetingToJson(updated ?? meeting) });
});

export const { POST, PUT, DELETE, OPTIONS } = refuseOtherMethods("GET", "PATCH");
