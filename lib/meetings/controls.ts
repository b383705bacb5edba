import "server-only";
import { TrackSource } from "livekit-server-sdk";
import type { ControlRequest } from "@/app/api/meetings/[code]/controls/schema";
import type { MeetingCaller } from "@/lib/auth/caller";
import { getGuestById } from "@/lib/db/queries/guests";
import { markRemoved } from "@/lib/db/queries/lobby-requests";
import { banFromMeeting } from "@/lib/db/queries/meeting-bans";
import { getMemberRole, markMeetingEnded, setMemberRole, updateMeeting } from "@/lib/db/queries/meetings";
import type { Meeting, MeetingRole } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { permissionForRole } from "@/lib/livekit/grants";
import { findParticipant, getRoomService, listRoomParticipants, muteSources, sendServerMessage, showParticipantOut, SOURCE_BY_NAME } from "@/lib/livekit/room-service";
import { publishRoomState } from "@/lib/livekit/rooms";
import { roomNameForMeeting, type ParticipantMetadata } from "@/lib/livekit/token";
import { CONTROL_TOPIC } from "./room-signals";
import { can, canActOn, isHostRole, type Action } from "./permissions";
import { readMeetingSettings, type MeetingSettings } from "./settings";

const ACTION_FOR: Record<ControlRequest["action"], Action> = {
  mute: "participant.mute",
  request_unmute: "participant.request_unmute",
  mute_all: "participant.mute_all",
  remove: "participant.remove",
  set_role: "role.set",
  lock: "meeting.lock",
  end: "meeting.end",
  restrict: "meeting.restrict",
  lower_hand: "hand.lower_others",
};

type Target = { identity: string; role: MeetingRole; kind: "user" | "guest"; canPublish: boolean };

/** Our record of someone's role in this meeting (never what their client claims). */
async function resolveTarget(meeting: Meeting, identity: string): Promise<Target> {
  if (identity.startsWith("guest_")) {
    const guest = await getGuestById({ id: identity });
    if (!guest || guest.meetingId !== meeting.id) throw new AppError("not_found:participant", "That person is not in this meeting.");
    return { identity, role: "guest", kind: "guest", canPublish: guest.canPublish && readMeetingSettings(meeting.settings).guestsCanPublish };
  }
  const role = await getMemberRole({ meetingId: meeting.id, userId: identity });
  if (!role) throw new AppError("not_found:participant", "That person is not in this meeting.");
  return { identity, role, kind: "user", canPublish: role !== "viewer" };
}

async function requireInRoom(room: string, identity: string) {
  const participant = await findParticipant(room, identity);
  if (!participant) throw new AppError("conflict:not_in_room", "That person is not in the room right now.");
  return participant;
}

/**
 * Brings the people already in the room under the meeting's current settings (after the settings
 * are stored): metadata for every UI, live rights for everyone but hosts, and guests shown out
 * when the meeting stops taking guests (the server no longer knows them: every request would fail).
 */
export async function applySettingsToRoom(meeting: Meeting) {
  const room = roomNameForMeeting(meeting);
  const settings = readMeetingSettings(meeting.settings);
  await publishRoomState(meeting);
  for (const p of await listRoomParticipants(room)) {
    const target = await resolveTarget(meeting, p.identity).catch(() => undefined);
    if (!target || isHostRole(target.role)) continue;
    if (target.kind === "guest" && !settings.allowGuests) {
      await showParticipantOut(room, p.identity, { banned: false });
      continue;
    }
    await getRoomService().updateParticipant(room, p.identity, { permission: permissionForRole({ ...target, settings }) });
  }
}

async function applySettings(meeting: Meeting, settings: MeetingSettings) {
  await updateMeeting({ id: meeting.id, changes: { settings } });
  await applySettingsToRoom({ ...meeting, settings });
}

/** Runs one host control after checking the actor's right to do it to that target. */
export async function runControl(meeting: Meeting, actor: MeetingCaller, control: ControlRequest): Promise<Record<string, unknown>> {
  const settings = readMeetingSettings(meeting.settings);
  if (!can(actor.role, ACTION_FOR[control.action], settings)) {
    throw new AppError("forbidden:control", "Only a host can do that.");
  }
  const room = roomNameForMeeting(meeting);
  const target = "identity" in control ? await resolveTarget(meeting, control.identity) : undefined;
  if (target && !canActOn(actor.role, target.role)) {
    throw new AppError("forbidden:control_target", target.role === "host" ? "Nobody can do that to the host." : "Co-hosts can't do that to another co-host.");
  }

  switch (control.action) {
    case "mute": {
      const participant = await requireInRoom(room, control.identity);
      const muted = await muteSources(room, participant, [SOURCE_BY_NAME[control.source]]);
      await sendServerMessage(room, CONTROL_TOPIC, { type: "muted", source: control.source, by: actor.name }, [control.identity]);
      return { muted };
    }
    case "request_unmute": {
      await requireInRoom(room, control.identity);
      // Nobody is unmuted by the server: the person is asked and decides in their own browser.
      await sendServerMessage(room, CONTROL_TOPIC, { type: "unmute_request", source: control.source, by: actor.name }, [control.identity]);
      return {};
    }
    case "mute_all": {
      let muted = 0;
      for (const p of await listRoomParticipants(room)) {
        const t = await resolveTarget(meeting, p.identity).catch(() => undefined);
        if (!t || isHostRole(t.role) || p.identity === actor.identity) continue;
        const count = await muteSources(room, p, [TrackSource.MICROPHONE]);
        if (count > 0) await sendServerMessage(room, CONTROL_TOPIC, { type: "muted", source: "microphone", by: actor.name }, [p.identity]);
        muted += count;
      }
      return { muted };
    }
    case "remove": {
      const participant = await findParticipant(room, control.identity);
      if (!participant && !control.ban) throw new AppError("conflict:not_in_room", "That person is not in the room right now.");
      if (control.ban) await banFromMeeting({ meetingId: meeting.id, identity: control.identity, bannedBy: actor.identity });
      // Removed without a ban: they may come back, but only through the lobby (a host lets them in).
      else await markRemoved({ meetingId: meeting.id, identity: control.identity, displayName: participant?.name || control.identity, removedBy: actor.identity });
      // A new token needs admission; the one they hold is refused at the door by the participant_joined webhook.
      const wasInRoom = await showParticipantOut(room, control.identity, { banned: control.ban });
      return { banned: control.ban, wasInRoom };
    }
    case "set_role": {
      if (target!.kind === "guest") throw new AppError("conflict:guest_role", "Guests can't be given a role; ask them to sign in first.");
      await setMemberRole({ meetingId: meeting.id, userId: control.identity, role: control.role });
      if (await findParticipant(room, control.identity)) {
        const metadata: ParticipantMetadata = { role: control.role, kind: "user" };
        await getRoomService().updateParticipant(room, control.identity, {
          metadata: JSON.stringify(metadata),
          permission: permissionForRole({ role: control.role, canPublish: control.role !== "viewer", settings }),
        });
      }
      return { role: control.role };
    }
    case "lock":
      await applySettings(meeting, { ...settings, locked: control.locked });
      return { locked: control.locked };
    case "restrict": {
      const { action: _action, ...changes } = control;
      const next = { ...settings, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      await applySettings(meeting, next);
      return {};
    }
    case "end":
      await getRoomService().deleteRoom(room).catch((err) => {
        if ((err as { status?: number }).status !== 404) throw err;
      });
      await markMeetingEnded({ id: meeting.id, at: new Date() });
      return {};
    case "lower_hand":
      await requireInRoom(room, control.identity);
      await getRoomService().updateParticipant(room, control.identity, { attributes: { hand: "" } });
      return {};
  }
}
