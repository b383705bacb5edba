import { getSessionUser } from "@/lib/auth";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { createMeeting, listMeetingsForUser } from "@/lib/db/queries/meetings";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { meetingToJson } from "@/lib/meetings/load";
import { meetingSettingsSchema } from "@/lib/meetings/settings";
import { createMeetingSchema } from "./schema";

export const GET = route(async () => {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized:session");
  const { upcoming, past } = await listMeetingsForUser({ userId: user.id });
  const toJson = (m: (typeof upcoming)[number]) => ({ ...meetingToJson(m), role: m.role });
  return Response.json({ upcoming: upcoming.map(toJson), past: past.map(toJson) });
});

export const POST = route(async (request) => {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized:session");
  const input = await readJson(request, createMeetingSchema);
  const scheduledStart = input.scheduledStart ? new Date(input.scheduledStart) : null;
  const meeting = await createMeeting({
    hostId: user.id,
    title: input.title ?? (scheduledStart ? "Scheduled meeting" : "Instant meeting"),
    scheduledStart,
    settings: meetingSettingsSchema.parse(input.settings ?? {}),
  });
  await addAuditEntry({ meetingId: meeting.id, actor: user.id, action: "meeting.created" });
  return Response.json({ meeting: meetingToJson(meeting) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
