"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { sendReaction } from "@/lib/meetings/meeting-api";
import { REACTIONS, type ReactionEmoji } from "@/lib/meetings/room-signals";
import styles from "../meeting.module.css";
import { failureText } from "../failure-text";
import { ControlButton } from "./control-button";
import { useMeeting } from "./meeting-context";
import { usePopover } from "./use-popover";

/**
 * "Send a reaction" opens a row of emoji buttons, each named in words ("Thumbs up"). It stays open
 * for a second or third reaction; the reaction itself appears when the server relays it to everyone.
 */
export function ReactionPicker() {
  const t = useT();
  const { code, notify } = useMeeting();
  const pickerId = useId();
  const { open, toggle, rootRef, buttonRef } = usePopover();
  async function send(emoji: ReactionEmoji) {
    const result = await sendReaction(code, emoji);
    if (result.ok) return;
    console.warn("[room] reaction not sent", result);
    notify(failureText(t, result), "error");
  }

  return (
    <div className={styles.popoverAnchor} ref={rootRef}>
      <ControlButton
        ref={buttonRef}
        icon="mood"
        label={t("meeting.controls.reactions")}
        tone={open ? "active" : "default"}
        aria-expanded={open}
        aria-controls={open ? pickerId : undefined}
        onClick={toggle}
      />
      {open && (
        <div id={pickerId} role="group" aria-label={t("meeting.reactions.picker")} className={styles.reactionPicker}>
          {REACTIONS.map(({ emoji, name }) => (
            <button
              key={emoji}
              type="button"
              className={styles.reactionButton}
              aria-label={t(`meeting.reactions.names.${name}`)}
              title={t(`meeting.reactions.names.${name}`)}
              onClick={() => void send(emoji)}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
