import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { runControl } from "@/lib/meetings/controls";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { controlSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

/** Host controls. Each one is checked against the permission table and written to the audit log. */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  const control = await readJson(request, controlSchema);
  const result = await runControl(meeting, caller, control);
  const { action, ...detail } = control;
  await addAuditEntry({
    meetingId: meeting.id,
    actor: caller.identity,
    action: `control.${action}`,
    target: "identity" in control ? control.identity : null,
    detail: { ...detail, ...result },
  });
  return Response.json({ ok: true, ...result });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
