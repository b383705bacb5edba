"use client";

import { useLocale, useT } from "@/components/i18n/i18n-provider";
import type { ChatEntry } from "@/lib/meetings/chat-messages";
import styles from "../meeting.module.css";

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatTime(locale: string, iso: string): string {
  let format = timeFormats.get(locale);
  if (!format) timeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" })));
  return format.format(new Date(iso));
}

type Props = {
  message: ChatEntry;
  mine: boolean;
  /** False for a follow-up from the same person a moment later: the name is not repeated. */
  showHeader: boolean;
  onRetry: (clientId: string) => void;
  onRemove: (clientId: string) => void;
};

/** One message. The body is rendered as text by React, so markup someone types stays visible as typed. */
export function ChatMessageItem({ message, mine, showHeader, onRetry, onRemove }: Props) {
  const t = useT();
  const locale = useLocale();
  const { clientId, status } = message;
  return (
    <li
      data-testid="chat-message"
      data-client-id={clientId}
      data-status={status}
      className={[styles.chatMessage, mine && styles.chatMine, status !== "sent" && styles.chatUnsent].filter(Boolean).join(" ")}
    >
      {showHeader && (
        <div className={styles.chatMeta}>
          <span className={styles.chatSender}>{mine ? t("meeting.you") : message.senderName}</span>
          <time dateTime={message.sentAt}>{formatTime(locale, message.sentAt)}</time>
        </div>
      )}
      <p className={styles.chatBody}>{message.body}</p>
      {status === "pending" && <p className={`${styles.chatStatus} ${styles.chatStatusDelayed}`}>{t("meeting.chat.status.pending")}</p>}
      {status === "retrying" && <p className={styles.chatStatus}>{t("meeting.chat.status.retrying")}</p>}
      {status === "failed" && (
        <div className={`${styles.chatStatus} ${styles.chatFailed}`}>
          <p>{message.error ? t("meeting.chat.status.failed", { reason: message.error }) : t("meeting.chat.status.failedNoReason")}</p>
          <div className={styles.chatActions}>
            <button type="button" className={styles.linkButton} onClick={() => onRetry(clientId)}>
              {t("meeting.chat.retry")}
            </button>
            <button type="button" className={styles.linkButton} onClick={() => onRemove(clientId)}>
              {t("meeting.chat.delete")}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
