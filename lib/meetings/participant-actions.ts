import type { ControlAction } from "./meeting-api";
import { can, canActOn, type Role } from "./permissions";

/**
 * Which host controls to offer on someone's row. The server decides for real; this only hides
 * what it would refuse, from the same permission table.
 */

export type HostAction =
  | "mute_microphone"
  | "request_unmute"
  | "mute_camera"
  | "stop_screen_share"
  | "lower_hand"
  | "make_co_host"
  | "make_participant"
  | "make_viewer"
  | "remove";

export type TargetState = {
  /** Null when the metadata is unreadable: offer nothing rather than guess. */
  role: Role | null;
  isLocal: boolean;
  micOn: boolean;
  cameraOn: boolean;
  sharingScreen: boolean;
  handRaised: boolean;
};

export function hostActionsFor(myRole: Role, target: TargetState): HostAction[] {
  const { role } = target;
  if (target.isLocal || role === null || !canActOn(myRole, role)) return [];
  const actions: HostAction[] = [];
  if (target.handRaised && can(myRole, "hand.lower_others")) actions.push("lower_hand");
  if (target.micOn && can(myRole, "participant.mute")) actions.push("mute_microphone");
  // A viewer has nothing to unmute: their token cannot publish.
  if (!target.micOn && can(role, "media.publish") && can(myRole, "participant.request_unmute")) actions.push("request_unmute");
  if (target.cameraOn && can(myRole, "participant.mute")) actions.push("mute_camera");
  if (target.sharingScreen && can(myRole, "participant.stop_screen_share")) actions.push("stop_screen_share");
  // Guests have no account to hold a role: the server refuses to change theirs.
  if (can(myRole, "role.set") && role !== "guest") {
    if (role !== "co_host") actions.push("make_co_host");
    if (role === "co_host" || role === "viewer") actions.push("make_participant");
    if (role === "participant") actions.push("make_viewer");
  }
  if (can(myRole, "participant.remove")) actions.push("remove");
  return actions;
}

/** The controls request for an action on one participant ("remove" is built by its dialog, with the ban choice). */
export function controlRequestFor(action: Exclude<HostAction, "remove">, identity: string): ControlAction {
  switch (action) {
    case "mute_microphone":
      return { action: "mute", identity, source: "microphone" };
    case "request_unmute":
      return { action: "request_unmute", identity, source: "microphone" };
    case "mute_camera":
      return { action: "mute", identity, source: "camera" };
    case "stop_screen_share":
      return { action: "mute", identity, source: "screen_share" };
    case "lower_hand":
      return { action: "lower_hand", identity };
    case "make_co_host":
      return { action: "set_role", identity, role: "co_host" };
    case "make_participant":
      return { action: "set_role", identity, role: "participant" };
    case "make_viewer":
      return { action: "set_role", identity, role: "viewer" };
  }
}
