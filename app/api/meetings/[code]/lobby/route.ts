import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { decideLobby, listWaiting } from "@/lib/db/queries/lobby-requests";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { lobbyDecisionSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

async function loadForHost(code: string) {
  const { meeting, caller } = await loadMeetingAndCaller(code);
  if (!can(caller.role, "lobby.manage")) throw new AppError("forbidden:lobby", "Only hosts can see and manage the lobby.");
  return { meeting, caller };
}

export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting } = await loadForHost((await params).code);
  const waiting = await listWaiting({ meetingId: meeting.id });
  return Response.json(
    { requests: waiting.map((r) => ({ identity: r.identity, name: r.displayName, requestedAt: r.requestedAt.toISOString() })) },
    { headers: { "cache-control": "no-store" } },
  );
});

/** Admit or deny one person, or admit everyone waiting. */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadForHost((await params).code);
  const decision = await readJson(request, lobbyDecisionSchema);
  const status = decision.action === "deny" ? "denied" : "admitted";
  const identity = decision.action === "admit_all" ? undefined : decision.identity;
  const decided = await decideLobby({ meetingId: meeting.id, identity, status, decidedBy: caller.identity });
  if (identity && decided.length === 0) throw new AppError("not_found:lobby_request", "That person is not waiting in the lobby.");
  for (const who of decided) {
    await addAuditEntry({ meetingId: meeting.id, actor: caller.identity, action: `lobby.${status === "denied" ? "deny" : "admit"}`, target: who });
  }
  return Response.json({ decided, status });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
