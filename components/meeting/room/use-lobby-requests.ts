import { useCallback, useEffect, useRef, useState } from "react";
import { useDataChannel } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { newArrivals, sortLobby } from "@/lib/meetings/lobby";
import { LOBBY_POLL_MS, decideLobby, fetchLobby, type LobbyDecision, type LobbyRequest } from "@/lib/meetings/meeting-api";
import { LOBBY_TOPIC, decodeLobbySignal, isFromServer } from "@/lib/meetings/room-signals";
import { failureText } from "../failure-text";
import type { ToastTone } from "./use-toasts";

export type LobbyState = {
  requests: LobbyRequest[];
  /** Why the last read failed (the previous list stays on screen), or null. */
  error: string | null;
  pending: boolean;
  decide: (decision: LobbyDecision) => Promise<void>;
};

type Options = { code: string; enabled: boolean; notify: (text: string, tone?: ToastTone) => void };

/**
 * Hosts' view of who is knocking: read on a knock packet from the server and every few seconds
 * (packets can be missed while reconnecting). Newcomers get a toast. Disabled for everyone else.
 */
export function useLobbyRequests({ code, enabled, notify }: Options): LobbyState {
  const t = useT();
  const [requests, setRequests] = useState<LobbyRequest[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [generation, setGeneration] = useState(0);
  const previousRef = useRef<LobbyRequest[] | null>(null);
  const refresh = useCallback(() => setGeneration((n) => n + 1), []);

  const onPacket = useCallback(
    (packet: { payload: Uint8Array; from?: Participant }) => {
      if (!isFromServer(packet)) return console.warn("[lobby] ignored a lobby packet sent by participant", packet.from?.identity);
      if (!decodeLobbySignal(packet.payload)) return console.warn("[lobby] ignored a malformed lobby packet");
      refresh();
    },
    [refresh],
  );
  useDataChannel(LOBBY_TOPIC, onPacket);

  useEffect(() => {
    if (!enabled) {
      previousRef.current = null;
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await fetchLobby(code, controller.signal);
      if (controller.signal.aborted) return;
      if (result.ok) {
        const next = sortLobby(result.data.requests);
        for (const arrival of newArrivals(previousRef.current, next)) notify(t("meeting.lobbyPanel.knocked", { name: arrival.name }));
        previousRef.current = next;
        setRequests(next);
        setError(null);
      } else {
        console.warn("[lobby] could not read the lobby", result);
        setError(failureText(t, result));
      }
      timer = setTimeout(load, LOBBY_POLL_MS);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [code, enabled, generation, notify, t]);

  const decide = useCallback(
    async (decision: LobbyDecision) => {
      setPending(true);
      try {
        const result = await decideLobby(code, decision);
        if (!result.ok) {
          console.warn(`[lobby] "${decision.action}" refused`, result);
          notify(failureText(t, result), "error");
          return;
        }
        // Drop them at once; the refresh confirms (someone else may have decided first).
        setRequests((current) => (decision.action === "admit_all" ? [] : current.filter((r) => r.identity !== decision.identity)));
        refresh();
      } finally {
        setPending(false);
      }
    },
    [code, notify, refresh, t],
  );

  return { requests: enabled ? requests : [], error: enabled ? error : null, pending, decide };
}
