import { useEffect, useRef, useState } from "react";
import { useConnectionState } from "@livekit/components-react";
import { ConnectionState } from "livekit-client";
import { fetchChatHistory } from "@/lib/meetings/chat-api";
import type { StoredChatMessage } from "@/lib/meetings/chat-messages";

export type HistoryStatus = "loading" | "ready" | "error";

const isReconnecting = (state: ConnectionState) => state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;

/**
 * Loads the stored chat on mount (late joiners and reloads see what was said) and again after the
 * room reconnects, because live packets sent while we were away never arrive.
 * `onMessages` gets `initial: true` for the first load only.
 */
export function useChatHistory(code: string, onMessages: (messages: StoredChatMessage[], initial: boolean) => void) {
  const [status, setStatus] = useState<HistoryStatus>("loading");
  const [generation, setGeneration] = useState(0);
  const connectionState = useConnectionState();
  const wasReconnecting = useRef(false);
  const onMessagesRef = useRef(onMessages);

  useEffect(() => {
    onMessagesRef.current = onMessages;
  }, [onMessages]);

  useEffect(() => {
    const controller = new AbortController();
    fetchChatHistory(code, controller.signal).then(
      (messages) => {
        onMessagesRef.current(messages, generation === 0);
        setStatus("ready");
      },
      (error: unknown) => {
        if (controller.signal.aborted) return; // unmounted or superseded by a newer load
        console.error("[chat] could not load the chat history", error);
        setStatus("error");
      },
    );
    return () => controller.abort();
  }, [code, generation]);

  useEffect(() => {
    if (isReconnecting(connectionState)) wasReconnecting.current = true;
    else if (connectionState === ConnectionState.Connected && wasReconnecting.current) {
      wasReconnecting.current = false;
      setGeneration((n) => n + 1);
    }
  }, [connectionState]);

  return {
    status,
    reload: () => {
      setStatus("loading");
      setGeneration((n) => n + 1);
    },
  };
}
