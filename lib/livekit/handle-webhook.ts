import "server-only";
import type { WebhookEvent } from "livekit-server-sdk";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { getMeetingByCode, markMeetingEnded, markMeetingLive } from "@/lib/db/queries/meetings";
import { closeOpenSessions, recordParticipantJoined, recordParticipantLeft } from "@/lib/db/queries/participant-sessions";
import { claimWebhookEvent, releaseWebhookEvent } from "@/lib/db/queries/webhook-events";
import { getLobbyRequest } from "@/lib/db/queries/lobby-requests";
import { isBanned } from "@/lib/db/queries/meeting-bans";
import type { Meeting } from "@/lib/db/schema";
import { finishServerRecording } from "@/lib/recordings/egress";
import { finishAbandonedRecordings } from "@/lib/recordings/finish";
import { showParticipantOut } from "./room-service";

export type WebhookOutcome = "handled" | "duplicate" | "ignored";

function eventTime(event: WebhookEvent): Date {
  // createdAt is unix seconds (bigint) set by livekit-server when the event happened.
  const seconds = Number(event.createdAt ?? 0n);
  return seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/**
 * Someone who connected although the meeting refuses them now: banned, or removed by a host and
 * not let back in (still "removed", or knocking again: waiting with the removal on record).
 */
async function showOutIfRefused(meeting: Meeting, identity: string): Promise<void> {
  if (await isBanned({ meetingId: meeting.id, identity })) {
    await showParticipantOut(meeting.code, identity, { banned: true });
    return;
  }
  const request = await getLobbyRequest({ meetingId: meeting.id, identity });
  const removed = request?.status === "removed" || (request?.status === "waiting" && request.decidedBy !== null);
  if (removed) await showParticipantOut(meeting.code, identity, { banned: false });
}

/** Records a verified LiveKit event once; a redelivered event id changes nothing. */
export async function handleWebhookEvent(event: WebhookEvent): Promise<WebhookOutcome> {
  // Egress events name their room in egressInfo; finishing a recording twice changes nothing.
  if (event.event === "egress_ended" && event.egressInfo) return (await finishServerRecording(event.egressInfo)) ? "handled" : "ignored";
  const roomName = event.room?.name;
  if (!event.id || !roomName) return "ignored";
  const meeting = await getMeetingByCode({ code: roomName });
  if (!meeting) return "ignored";

  if (!(await claimWebhookEvent({ id: event.id, event: event.event }))) return "duplicate";
  try {
    const at = eventTime(event);
    const p = event.participant;
    switch (event.event) {
      case "room_started":
        await markMeetingLive({ id: meeting.id, at });
        await addAuditEntry({ meetingId: meeting.id, actor: "livekit", action: "room.started" });
        break;
      case "room_finished":
        await markMeetingEnded({ id: meeting.id, at });
        await closeOpenSessions({ meetingId: meeting.id, at });
        await addAuditEntry({ meetingId: meeting.id, actor: "livekit", action: "room.finished" });
        await finishAbandonedRecordings({ meeting });
        break;
      case "participant_joined":
        if (!p) return "ignored";
        await markMeetingLive({ id: meeting.id, at });
        await recordParticipantJoined({ meetingId: meeting.id, identity: p.identity, livekitSid: p.sid, displayName: p.name || null, joinedAt: at });
        await addAuditEntry({ meetingId: meeting.id, actor: p.identity, action: "participant.joined", target: p.sid });
        // A token minted before its holder was banned or removed still connects (it lives ≤ 10 min, and
        // livekit-server ignores revocation): show them out at once.
        await showOutIfRefused(meeting, p.identity);
        break;
      case "participant_left":
        if (!p) return "ignored";
        await recordParticipantLeft({ meetingId: meeting.id, identity: p.identity, livekitSid: p.sid, displayName: p.name || null, leftAt: at });
        await addAuditEntry({ meetingId: meeting.id, actor: p.identity, action: "participant.left", target: p.sid });
        // A recording browser that leaves stops its recording; what it uploaded is kept.
        await finishAbandonedRecordings({ meeting, identity: p.identity });
        break;
      default:
        return "ignored";
    }
    return "handled";
  } catch (err) {
    // Let LiveKit's retry deliver it again rather than losing the event.
    await releaseWebhookEvent({ id: event.id });
    throw err;
  }
}
