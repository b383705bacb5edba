import "server-only";
import { DataPacket_Kind, RoomServiceClient, TrackSource, TwirpError, type ParticipantInfo } from "livekit-server-sdk";
import { getEnv } from "@/lib/env";
import { CONTROL_TOPIC } from "@/lib/meetings/room-signals";

let client: RoomServiceClient | undefined;

/** LiveKit's server APIs (RoomService, Egress) over HTTP(S): the same host as LIVEKIT_URL with ws→http. */
export function livekitHttpUrl(): string {
  return getEnv().LIVEKIT_URL.replace(/^ws(s?):\/\//, "http$1://");
}

export function getRoomService(): RoomServiceClient {
  if (!client) {
    const env = getEnv();
    client = new RoomServiceClient(livekitHttpUrl(), env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
  }
  return client;
}

/** Sends a server-authored message (no participant sender) on a topic, reliably. */
export async function sendServerMessage(room: string, topic: string, message: unknown, destinationIdentities?: string[]) {
  if (destinationIdentities && destinationIdentities.length === 0) return;
  const data = new TextEncoder().encode(JSON.stringify(message));
  await getRoomService().sendData(room, data, DataPacket_Kind.RELIABLE, { topic, destinationIdentities });
}

/** The participant, or undefined when they are not in the room (LiveKit answers not_found). */
export async function findParticipant(room: string, identity: string): Promise<ParticipantInfo | undefined> {
  try {
    return await getRoomService().getParticipant(room, identity);
  } catch (err) {
    if (err instanceof TwirpError && err.status === 404) return undefined;
    throw err;
  }
}

/** Everyone in the room; an empty list when the room does not exist (yet). */
export async function listRoomParticipants(room: string): Promise<ParticipantInfo[]> {
  try {
    return await getRoomService().listParticipants(room);
  } catch (err) {
    if (err instanceof TwirpError && err.status === 404) return [];
    throw err;
  }
}

export const SOURCE_BY_NAME = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
} as const;

/** Mutes every published track of the given sources; returns how many were muted. */
export async function muteSources(room: string, participant: ParticipantInfo, sources: TrackSource[]): Promise<number> {
  const tracks = participant.tracks.filter((t) => sources.includes(t.source) && !t.muted);
  for (const track of tracks) await getRoomService().mutePublishedTrack(room, participant.identity, track.sid, true);
  return tracks.length;
}

/**
 * Shows a participant out of the room: they are told why (banned or not), then removed. Someone
 * already gone is not an error. `revokeTokenTs` is passed for LiveKit Cloud, which honours it;
 * CAUTION: livekit-server (open source, v1.13) ignores it, so the token they hold can reconnect them
 * until it expires. What keeps them out is the participant_joined webhook (lib/livekit/handle-webhook.ts),
 * which shows out anyone the meeting no longer admits, and the token TTL (≤ 10 min).
 */
export async function showParticipantOut(room: string, identity: string, { banned }: { banned: boolean }): Promise<boolean> {
  if (!(await findParticipant(room, identity))) return false;
  await sendServerMessage(room, CONTROL_TOPIC, { type: "removed", banned }, [identity]);
  try {
    await getRoomService().removeParticipant(room, identity, { revokeTokenTs: BigInt(Math.floor(Date.now() / 1000)) });
  } catch (err) {
    if (err instanceof TwirpError && err.status === 404) return false;
    throw err;
  }
  return true;
}
