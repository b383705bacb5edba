"use client";

import { useLayoutEffect, useRef } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { ChatEntry } from "@/lib/meetings/chat-messages";
import styles from "../meeting.module.css";
import { Icon } from "../room/icons";
import { ChatComposer } from "./chat-composer";
import { ChatMessageItem } from "./chat-message-item";
import type { MeetingChat } from "./use-meeting-chat";

const GROUP_WINDOW_MS = 5 * 60_000;

function startsGroup(previous: ChatEntry | undefined, message: ChatEntry): boolean {
  if (!previous || previous.senderIdentity !== message.senderIdentity) return true;
  return Date.parse(message.sentAt) - Date.parse(previous.sentAt) > GROUP_WINDOW_MS;
}

type Props = {
  chat: MeetingChat;
  selfIdentity: string;
  /** False while a host has limited chat to hosts: the composer gives way to a note. */
  canSend: boolean;
  onClose: () => void;
};

/** The chat side panel: an aria-live log of messages and the composer. */
export function ChatPanel({ chat, selfIdentity, canSend, onClose }: Props) {
  const t = useT();
  const logRef = useRef<HTMLDivElement>(null);
  // Follow new messages only while the reader is at the bottom; do not yank them away from scrollback.
  const followRef = useRef(true);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && followRef.current) log.scrollTop = log.scrollHeight;
  }, [chat.messages]);

  function onScroll() {
    const log = logRef.current;
    if (log) followRef.current = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  function send(draft: string) {
    followRef.current = true; // your own message always scrolls into view
    return chat.send(draft);
  }

  return (
    // Labelled "Chat", not by the heading: a label containing "messages" would also match getByLabel("Message").
    <aside className={styles.panel} aria-label={t("meeting.controls.chat")}>
      <header className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>{t("meeting.chat.title")}</h2>
        <button type="button" className={styles.iconButton} onClick={onClose}>
          <Icon name="close" />
          <span className={styles.srOnly}>{t("common.close")}</span>
        </button>
      </header>

      {chat.history === "loading" && <p className={styles.panelNote}>{t("meeting.chat.historyLoading")}</p>}
      {chat.history === "error" && (
        <div className={styles.panelNote}>
          <span>{t("meeting.chat.historyFailed")}</span>{" "}
          <button type="button" className={styles.linkButton} onClick={chat.reloadHistory}>
            {t("common.tryAgain")}
          </button>
        </div>
      )}

      <div ref={logRef} role="log" aria-live="polite" aria-label={t("meeting.chat.logLabel")} className={styles.chatLog} onScroll={onScroll}>
        {chat.messages.length === 0 && chat.history !== "loading" ? (
          <p className={styles.chatEmpty}>{t("meeting.chat.empty")}</p>
        ) : (
          <ol className={styles.chatList}>
            {chat.messages.map((message, index) => (
              <ChatMessageItem
                key={message.clientId}
                message={message}
                mine={message.senderIdentity === selfIdentity}
                showHeader={startsGroup(chat.messages[index - 1], message)}
                onRetry={chat.retry}
                onRemove={chat.remove}
              />
            ))}
          </ol>
        )}
      </div>

      {canSend ? (
        <ChatComposer onSend={send} />
      ) : (
        <p className={styles.chatRestricted} data-testid="chat-restricted">
          {t("meeting.chat.hostsOnly")}
        </p>
      )}
    </aside>
  );
}
