"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { CHAT_MAX_LENGTH, checkChatBody, type ChatBodyCheck } from "@/lib/meetings/chat-messages";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import styles from "../meeting.module.css";
import { Icon } from "../room/icons";

/** Enter sends, Shift+Enter adds a line; an IME composition (Chinese, Japanese…) is never cut short by Enter. */
export function ChatComposer({ onSend }: { onSend: (draft: string) => ChatBodyCheck }) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const encrypted = useMeetingKeyContext() !== null;
  const check = checkChatBody(draft, { encrypted });
  const tooLong = !check.ok && check.reason === "too_long";

  // Focus for mouse/trackpad users only; on a phone it would throw up the keyboard over the messages.
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches) textareaRef.current?.focus();
  }, []);

  function submit() {
    if (onSend(draft).ok) setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Safari reports the Enter that commits an IME candidate with isComposing false but keyCode 229.
    const composing = event.nativeEvent.isComposing || event.keyCode === 229;
    if (event.key === "Enter" && !event.shiftKey && !composing) {
      event.preventDefault();
      submit();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit();
  }

  return (
    <form className={styles.chatComposer} onSubmit={onSubmit}>
      <label htmlFor={id} className={styles.srOnly}>
        {t("meeting.chat.messageLabel")}
      </label>
      <textarea
        ref={textareaRef}
        id={id}
        className={styles.chatInput}
        rows={1}
        value={draft}
        placeholder={t("meeting.chat.placeholder")}
        aria-invalid={tooLong}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className={styles.sendButton} disabled={!check.ok}>
        <Icon name="send" />
        <span className={styles.srOnly}>{t("meeting.chat.send")}</span>
      </button>
      <p id={`${id}-hint`} className={tooLong ? styles.errorText : styles.srOnly}>
        {tooLong ? (encrypted ? t("meeting.e2ee.tooLong") : t("meeting.chat.tooLong", { count: draft.trim().length, max: CHAT_MAX_LENGTH })) : t("meeting.chat.hint")}
      </p>
    </form>
  );
}
