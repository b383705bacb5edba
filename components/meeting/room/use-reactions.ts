import { useCallback, useEffect, useRef, useState } from "react";
import { useDataChannel } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { REACTION_TOPIC, decodeReaction, isFromServer, type ReactionEmoji } from "@/lib/meetings/room-signals";

export type FloatingReaction = { id: number; emoji: ReactionEmoji; name: string; identity: string };

/** Long enough for the float-up animation in meeting.module.css (.reaction). */
const SHOWN_MS = 4_000;
// A burst of reactions should not cover the stage.
const MAX_SHOWN = 12;

/** Reactions relayed by the server on `parley.reaction`, each kept for a few seconds. */
export function useReactions(): FloatingReaction[] {
  const [reactions, setReactions] = useState<FloatingReaction[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const onPacket = useCallback((packet: { payload: Uint8Array; from?: Participant }) => {
    // CAUTION: only the server relays reactions; a participant could otherwise put words in someone else's name.
    if (!isFromServer(packet)) return console.warn("[room] ignored a reaction packet sent by participant", packet.from?.identity);
    const reaction = decodeReaction(packet.payload);
    if (!reaction) return console.warn("[room] ignored a malformed reaction packet");
    const id = nextId.current++;
    setReactions((current) => [...current, { id, ...reaction }].slice(-MAX_SHOWN));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setReactions((current) => current.filter((r) => r.id !== id));
    }, SHOWN_MS);
    timers.current.add(timer);
  }, []);
  useDataChannel(REACTION_TOPIC, onPacket);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return reactions;
}
