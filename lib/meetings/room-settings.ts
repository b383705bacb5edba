import { z } from "zod";

/**
 * The meeting settings every participant's UI needs, as the server publishes them in the LiveKit
 * room metadata: `{"locked":false,"chatHostsOnly":false,"screenShareHostsOnly":false,"lobby":"off","captions":false,
 * "captionServer":null,"captionsServer":false,"recording":false,"serverRecording":false}`.
 */

export const LOBBY_MODES = ["off", "guests", "everyone"] as const;
export type LobbyMode = (typeof LOBBY_MODES)[number];

export type RoomSettings = {
  locked: boolean;
  chatHostsOnly: boolean;
  screenShareHostsOnly: boolean;
  lobby: LobbyMode;
  /** Live captions are on: every speaker's device transcribes itself, or sends its speech to `captionServer`. */
  captions: boolean;
  /** The transcription server a host may have this meeting's captions made on (its name); null when none is offered. */
  captionServer: string | null;
  /** A host chose `captionServer` for this meeting's captions. */
  captionsServer: boolean;
  /** A recording is in progress (every participant is shown so). */
  recording: boolean;
  /** Hosts may record on the server (LiveKit Egress) as well as in their browser. */
  serverRecording: boolean;
};

export const DEFAULT_ROOM_SETTINGS: RoomSettings = {
  locked: false,
  chatHostsOnly: false,
  screenShareHostsOnly: false,
  lobby: "off",
  captions: false,
  captionServer: null,
  captionsServer: false,
  recording: false,
  serverRecording: false,
};

// Field by field, so one unexpected value does not throw away the others.
const metadataSchema = z.object({
  locked: z.boolean().catch(false),
  chatHostsOnly: z.boolean().catch(false),
  screenShareHostsOnly: z.boolean().catch(false),
  lobby: z.enum(LOBBY_MODES).catch("off"),
  captions: z.boolean().catch(false),
  captionServer: z.string().trim().min(1).max(80).nullable().catch(null),
  captionsServer: z.boolean().catch(false),
  recording: z.boolean().catch(false),
  serverRecording: z.boolean().catch(false),
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
