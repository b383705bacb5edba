import { ROLES, type Role } from "./permissions";

/**
 * The role in a participant's LiveKit metadata. That metadata is written only by
 * our server (tokens and updateParticipant): no token carries roomAdmin or
 * canUpdateOwnMetadata, and permission updates keep canUpdateMetadata false
 * (lib/livekit/grants.ts). Used only to pick whom to notify, never to grant anything.
 */
export function readParticipantRole(metadata: string | undefined): Role {
  try {
    const role = (JSON.parse(metadata || "{}") as { role?: unknown }).role;
    return ROLES.includes(role as Role) ? (role as Role) : "participant";
  } catch {
    return "participant";
  }
}
