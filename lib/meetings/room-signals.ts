import { z } from "zod";

/**
 * Packets the server sends into the room (RoomService.sendData). They carry no participant
 * sender, which is how the client tells them from anything a participant could forge:
 * callers must drop packets that have one.
 */

export const CONTROL_TOPIC = "parley.control";
export const LOBBY_TOPIC = "parley.lobby";
export const REACTION_TOPIC = "parley.reaction";

/** The reactions anyone can send, in picker order; `name` keys the catalog's English names. */
export const REACTIONS = [
  { emoji: "👍", name: "thumbsUp" },
  { emoji: "👏", name: "clap" },
  { emoji: "😂", name: "joy" },
  { emoji: "🎉", name: "party" },
  { emoji: "❤️", name: "heart" },
  { emoji: "😮", name: "surprised" },
] as const;
export type ReactionEmoji = (typeof REACTIONS)[number]["emoji"];
export const REACTION_EMOJI = REACTIONS.map((r) => r.emoji) as [ReactionEmoji, ...ReactionEmoji[]];

export const MEDIA_SOURCES = ["microphone", "camera", "screen_share"] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

const controlNoticeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("unmute_request"), source: z.enum(["microphone", "camera"]), by: z.string().min(1) }),
  z.object({ type: z.literal("muted"), source: z.enum(MEDIA_SOURCES), by: z.string().min(1) }),
  z.object({ type: z.literal("removed"), banned: z.boolean().catch(false) }),
]);
export type ControlNotice = z.infer<typeof controlNoticeSchema>;

const lobbySignalSchema = z.object({ type: z.literal("knock") });
export type LobbySignal = z.infer<typeof lobbySignalSchema>;

const reactionSchema = z.object({ emoji: z.enum(REACTION_EMOJI), identity: z.string().min(1), name: z.string() });
export type ReactionSignal = z.infer<typeof reactionSchema>;

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined; // not JSON: the schema below rejects it and the caller logs
  }
}

/** A decoder of JSON packets: the parsed value, or null for anything `schema` does not accept. */
export function decoder<S extends z.ZodType>(schema: S) {
  return (bytes: Uint8Array): z.infer<S> | null => {
    const parsed = schema.safeParse(decodeJson(bytes));
    return parsed.success ? parsed.data : null;
  };
}

/** Null for anything that is not a notice this client understands. */
export const decodeControlNotice = decoder(controlNoticeSchema);
export const decodeLobbySignal = decoder(lobbySignalSchema);
export const decodeReaction = decoder(reactionSchema);

/** Server packets only: a packet with a participant sender was sent by a client and is not trusted. */
export function isFromServer(packet: { from?: unknown }): boolean {
  return packet.from === undefined || packet.from === null;
}
