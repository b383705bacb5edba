/**
 * The one table that decides who may do what in a meeting. The server enforces
 * it in every route; the UI reads it only to hide what would be refused.
 * Browser-safe (no server imports).
 */
export const ROLES = ["host", "co_host", "participant", "guest", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "meeting.update",
  "meeting.end",
  "meeting.lock",
  "meeting.restrict",
  "role.set",
  "participant.mute",
  "participant.mute_all",
  "participant.request_unmute",
  "participant.remove",
  "participant.ban",
  "participant.stop_screen_share",
  "hand.lower_others",
  "lobby.manage",
  "media.publish",
  "screen_share.start",
  "chat.send",
  "hand.raise",
  "reaction.send",
  "recording.start",
  "recording.manage",
  "captions.start",
  "captions.stop",
  "captions.publish",
  "captions.server",
] as const;
export type Action = (typeof ACTIONS)[number];

const HOSTS: readonly Role[] = ["host", "co_host"];
const SPEAKERS: readonly Role[] = ["host", "co_host", "participant", "guest"];
const EVERYONE: readonly Role[] = ROLES;

export const PERMISSIONS: Record<Action, readonly Role[]> = {
  "meeting.update": ["host"],
  "meeting.end": HOSTS,
  "meeting.lock": HOSTS,
  "meeting.restrict": HOSTS,
  // Only the host promotes and demotes co-hosts (Zoom's rule); co-hosts cannot create more of themselves.
  "role.set": ["host"],
  "participant.mute": HOSTS,
  "participant.mute_all": HOSTS,
  "participant.request_unmute": HOSTS,
  "participant.remove": HOSTS,
  "participant.ban": HOSTS,
  "participant.stop_screen_share": HOSTS,
  "hand.lower_others": HOSTS,
  "lobby.manage": HOSTS,
  "media.publish": SPEAKERS,
  "screen_share.start": SPEAKERS,
  "chat.send": EVERYONE,
  "hand.raise": EVERYONE,
  "reaction.send": EVERYONE,
  // Recording (Zoom's and Meet's default): hosts start it, and see, rename, share and delete every
  // recording of the meeting; others see one only when a host shares it (lib/recordings/access.ts).
  "recording.start": HOSTS,
  "recording.manage": HOSTS,
  // Live captions (Meet's rule: anyone may turn them on, for everyone who wants them); hosts may
  // turn them off. Each speaker's own device transcribes them, so only people who may speak publish.
  "captions.start": EVERYONE,
  "captions.stop": HOSTS,
  "captions.publish": SPEAKERS,
  // Sending everyone's speech to the transcription server is the hosts' call, as recording is.
  "captions.server": HOSTS,
};

export type RestrictionSettings = { chatHostsOnly?: boolean; screenShareHostsOnly?: boolean };

/** Whether `role` may do `action`, taking the meeting's host-only restrictions into account. */
export function can(role: Role, action: Action, settings: RestrictionSettings = {}): boolean {
  if (!PERMISSIONS[action].includes(role)) return false;
  if (action === "chat.send" && settings.chatHostsOnly) return HOSTS.includes(role);
  if (action === "screen_share.start" && settings.screenShareHostsOnly) return HOSTS.includes(role);
  return true;
}

export function isHostRole(role: Role): boolean {
  return HOSTS.includes(role);
}

/** Hosts may act on anyone but the host; co-hosts may not act on the host or other co-hosts. */
export function canActOn(actor: Role, target: Role): boolean {
  if (target === "host") return false;
  if (actor === "host") return true;
  return actor === "co_host" && target !== "co_host";
}
