import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { getLobbyRequest, knock } from "@/lib/db/queries/lobby-requests";
import { refuseOtherMethods, route } from "@/lib/http";
import { enforceRateLimit } from "@/lib/rate-limit";
import { notifyHostsOfKnock } from "@/lib/meetings/lobby-notify";
import { checkAdmission } from "@/lib/meetings/admission";
import { loadMeetingAndVisitor } from "@/lib/meetings/load";

type Ctx = { params: Promise<{ code: string }> };

/** Asks to be let in. 200 "admitted" when no wait is needed, 202 "waiting" otherwise. */
export const POST = route(async (_request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndVisitor((await params).code);
  await enforceRateLimit({ bucket: "knock", key: `${meeting.id}:${caller.identity}` });
  if ((await checkAdmission(meeting, caller)) === "in") return Response.json({ status: "admitted" });
  const request = await knock({ meetingId: meeting.id, identity: caller.identity, displayName: caller.name });
  if (request.status === "waiting") {
    await notifyHostsOfKnock(meeting);
    await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: "lobby.knock" });
  }
  return Response.json({ status: request.status }, { status: request.status === "waiting" ? 202 : 200 });
});

/** Where the caller stands: waiting, admitted, denied, or none (never knocked, or removed by a host: knock again). */
export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndVisitor((await params).code);
  const request = await getLobbyRequest({ meetingId: meeting.id, identity: caller.identity });
  const status = !request || request.status === "removed" ? "none" : request.status;
  return Response.json({ status }, { headers: { "cache-control": "no-store" } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
