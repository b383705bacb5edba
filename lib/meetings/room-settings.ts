import { z } from "zod";

/**
 * The meeting settings every participant's UI needs, as the server publishes them in the LiveKit
 * room metadata: `{"locked":false,"chatHostsOnly":false,"screenShareHostsOnly":false,"lobby":"off"}`.
 */

export const LOBBY_MODES = ["off", "guests", "everyone"] as const;
export type LobbyMode = (typeof LOBBY_MODES)[number];

export type RoomSettings = {
  locked: boolean;
  chatHostsOnly: boolean;
  screenShareHostsOnly: boolean;
  lobby: LobbyMode;
};

export const DEFAULT_ROOM_SETTINGS: RoomSettings = { locked: false, chatHostsOnly: false, screenShareHostsOnly: false, lobby: "off" };

// Field by field, so one unexpected value does not throw away the others.
const metadataSchema = z.object({
  locked: z.boolean().catch(false),
  chatHostsOnly: z.boolean().catch(false),
  screenShareHostsOnly: z.boolean().catch(false),
  lobby: z.enum(LOBBY_MODES).catch("off"),
});

/** Empty, malformed or foreign metadata reads as the defaults (nothing restricted). */
export function readRoomSettings(metadata: string | undefined | null): RoomSettings {
  if (!metadata) return DEFAULT_ROOM_SETTINGS;
  let json: unknown;
  try {
    json = JSON.parse(metadata);
  } catch {
    return DEFAULT_ROOM_SETTINGS; // not written by our server: nothing to read from it
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return DEFAULT_ROOM_SETTINGS;
  return metadataSchema.parse(json);
}
