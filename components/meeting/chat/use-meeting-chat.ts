import { useCallback, useEffect, useRef, useState } from "react";
import { useConnectionState, useDataChannel } from "@livekit/components-react";
import { ConnectionState, type Participant } from "livekit-client";
import { postChatMessage } from "@/lib/meetings/chat-api";
import {
  CHAT_TOPIC,
  checkChatBody,
  countUnread,
  decodeLiveChat,
  encodeLiveChat,
  entryFromStored,
  newClientId,
  removeChatEntry,
  upsertChatEntries,
  type ChatBodyCheck,
  type ChatEntry,
  type StoredChatMessage,
} from "@/lib/meetings/chat-messages";
import { createChatOutbox, outboxStorageKey, type ChatOutbox, type OutboxEvent, type OutboxItem } from "@/lib/meetings/chat-outbox";
import { localStorageOrNull } from "@/lib/local-storage";
import { useT } from "@/components/i18n/i18n-provider";
import { openMessage, sealMessage, type MessageBinding } from "@/lib/e2ee";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import { useChatHistory, type HistoryStatus } from "./use-chat-history";

export type MeetingChat = {
  messages: ChatEntry[];
  unread: number;
  history: HistoryStatus;
  reloadHistory: () => void;
  /** Validates, shows the message at once and sends it; returns why not when the draft is unusable. */
  send: (draft: string) => ChatBodyCheck;
  retry: (clientId: string) => void;
  remove: (clientId: string) => void;
};

type Self = { identity: string; name: string };

function openStorage(): Storage | null {
  const storage = localStorageOrNull();
  if (!storage) console.warn("[chat] localStorage is unavailable; unsent messages will not survive a reload");
  return storage;
}

/** Chat state for the whole room; lives above the panel so messages (and the unread count) arrive while it is closed. */
export function useMeetingChat({ code, self, open }: { code: string; self: Self; open: boolean }): MeetingChat {
  const [messages, setMessages] = useState<ChatEntry[]>([]);
  const [seen, setSeen] = useState<ReadonlySet<string>>(() => new Set());
  const connectionState = useConnectionState();
  const connectedRef = useRef(false);
  const selfRef = useRef(self);
  const outboxRef = useRef<ChatOutbox | null>(null);
  const t = useT();
  // End-to-end encrypted rooms: bodies are encrypted here before they are stored or published, and
  // decrypted as they arrive; the server and the SFU only ever carry the envelope. Each envelope is
  // bound to its sender and clientId, so it opens only under the identity the reader trusts for it.
  const textKey = useMeetingKeyContext()?.keys.text ?? null;
  const undecryptable = t("meeting.e2ee.undecryptableMessage");
  const plaintextHidden = t("meeting.e2ee.plaintextHidden");
  const crypt = useRef({ textKey, undecryptable, plaintextHidden });
  useEffect(() => {
    crypt.current = { textKey, undecryptable, plaintextHidden };
  });
  const binding = useCallback(
    (senderIdentity: string, clientId: string): MessageBinding => ({ kind: "chat", meetingCode: code, senderIdentity, messageId: clientId }),
    [code],
  );
  const seal = useCallback(
    async <M extends { clientId: string; body: string }>(message: M): Promise<M> => {
      const key = crypt.current.textKey;
      if (!key) return message;
      // Sealed when it goes out, as whoever this browser is now: that is who the server and LiveKit will say sent it.
      return { ...message, body: await sealMessage(key, message.body, binding(selfRef.current.identity, message.clientId)) };
    },
    [binding],
  );
  /** `senderIdentity`: LiveKit's authenticated sender for live packets, the stored one for history; never the payload's word. */
  const reveal = useCallback(
    async <M extends { clientId: string; body: string }>(message: M, senderIdentity: string): Promise<M> => {
      const key = crypt.current.textKey;
      if (!key) return message;
      const opened = await openMessage(key, message.body, binding(senderIdentity, message.clientId));
      if (opened.status === "ok") return { ...message, body: opened.text };
      // In an encrypted meeting plaintext is never shown as someone's words: it can only come
      // from a client that skipped encryption or from whoever stores and relays messages (the server).
      if (opened.status === "plaintext") console.warn("[chat] hid an unencrypted message in an end-to-end encrypted meeting", { senderIdentity, clientId: message.clientId });
      else console.warn(`[chat] could not decrypt a message (${opened.reason})`, { senderIdentity, clientId: message.clientId });
      return { ...message, body: opened.status === "plaintext" ? crypt.current.plaintextHidden : crypt.current.undecryptable };
    },
    [binding],
  );

  useEffect(() => {
    connectedRef.current = connectionState === ConnectionState.Connected;
    selfRef.current = self;
  });

  const onPacket = useCallback((packet: { payload: Uint8Array; from?: Participant }) => {
    const payload = decodeLiveChat(packet.payload);
    if (!payload) return console.warn("[chat] ignored a malformed chat packet");
    if (!packet.from) return console.warn("[chat] ignored a chat packet without a sending participant");
    // Who wrote it comes from LiveKit's authenticated participant, never from the payload.
    const { identity, name } = packet.from;
    void reveal(payload, identity).then((revealed) =>
      setMessages((current) => upsertChatEntries(current, [{ ...revealed, senderIdentity: identity, senderName: name || identity, status: "sent" }])),
    );
  }, [reveal]);
  const { send: sendPacket } = useDataChannel(CHAT_TOPIC, onPacket);
  const sendPacketRef = useRef(sendPacket);
  useEffect(() => {
    sendPacketRef.current = sendPacket;
  }, [sendPacket]);

  useEffect(() => {
    const own = (item: OutboxItem): ChatEntry => ({
      clientId: item.clientId,
      body: item.body,
      sentAt: item.sentAt,
      senderIdentity: selfRef.current.identity,
      senderName: selfRef.current.name,
      status: item.status,
      error: item.error,
    });
    const apply = (event: OutboxEvent) => {
      if (event.type === "removed") setMessages((current) => removeChatEntry(current, event.clientId));
      else if (event.type === "stored") {
        // What the server stored is the envelope; show what we wrote.
        const entry = event.message ? { ...entryFromStored(event.message), body: event.item.body } : { ...own(event.item), status: "sent" as const };
        setMessages((current) => upsertChatEntries(current, [entry]));
      } else setMessages((current) => upsertChatEntries(current, [own(event.item)]));
    };
    const outbox = createChatOutbox({
      storage: openStorage(),
      storageKey: outboxStorageKey(code),
      post: async (message) => postChatMessage(code, await seal(message)),
      publish: async (message) => sendPacketRef.current(encodeLiveChat(await seal(message)), { reliable: true }),
      canPublish: () => connectedRef.current,
      onEvent: apply,
      onError: (where, error) => console.warn(`[chat] outbox ${where} problem`, error),
    });
    outboxRef.current = outbox;
    outbox.start();
    const retryNow = () => outbox.retryAllNow();
    window.addEventListener("online", retryNow);
    return () => {
      window.removeEventListener("online", retryNow);
      outbox.dispose();
      outboxRef.current = null;
    };
  }, [code, seal]);

  // Back in the room: skip the remaining backoff and publish what waited for the connection.
  useEffect(() => {
    if (connectionState === ConnectionState.Connected) outboxRef.current?.retryAllNow();
  }, [connectionState]);

  const onHistory = useCallback(
    (stored: StoredChatMessage[], initial: boolean) => {
      void Promise.all(stored.map((message) => reveal(message, message.senderIdentity))).then((revealed) => setMessages((current) => upsertChatEntries(current, revealed.map(entryFromStored))));
      // What was said before you joined is context, not news: no unread badge for it.
      if (initial) setSeen((previous) => new Set([...previous, ...stored.map((m) => m.clientId)]));
    },
    [reveal],
  );
  const history = useChatHistory(code, onHistory);

  useEffect(() => {
    if (open) setSeen(new Set(messages.map((m) => m.clientId)));
  }, [open, messages]);

  const send = useCallback((draft: string): ChatBodyCheck => {
    const check = checkChatBody(draft, { encrypted: crypt.current.textKey !== null });
    if (!check.ok) return check;
    const outbox = outboxRef.current;
    if (!outbox) throw new Error("Chat is not ready yet"); // only before the first effect, which a click cannot precede
    outbox.enqueue({ clientId: newClientId(), body: check.body, sentAt: new Date().toISOString() });
    return check;
  }, []);

  return {
    messages,
    unread: open ? 0 : countUnread(messages, seen, self.identity),
    history: history.status,
    reloadHistory: history.reload,
    send,
    retry: useCallback((clientId: string) => outboxRef.current?.retry(clientId), []),
    remove: useCallback((clientId: string) => void outboxRef.current?.remove(clientId), []),
  };
}
