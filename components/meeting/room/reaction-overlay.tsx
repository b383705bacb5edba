"use client";

import type { CSSProperties } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { REACTIONS } from "@/lib/meetings/room-signals";
import styles from "../meeting.module.css";
import type { FloatingReaction } from "./use-reactions";

/**
 * Recent reactions float up from the stage's bottom-left corner with the sender's name (they stay
 * in place and just fade when the user prefers reduced motion). Not a live region: a burst of
 * emoji read aloud would drown the meeting.
 */
export function ReactionOverlay({ reactions, selfIdentity }: { reactions: FloatingReaction[]; selfIdentity: string }) {
  const t = useT();
  return (
    <div className={styles.reactions}>
      {reactions.map((reaction) => {
        const name = REACTIONS.find((r) => r.emoji === reaction.emoji)?.name ?? "thumbsUp";
        return (
        <div
          key={reaction.id}
          className={styles.reaction}
          data-testid="reaction"
          data-identity={reaction.identity}
          // Spread side by side a little, so simultaneous reactions do not sit on top of each other.
          style={{ "--reaction-offset": `${(reaction.id % 4) * 14}px` } as CSSProperties}
        >
          <span className={styles.reactionEmoji} role="img" aria-label={t(`meeting.reactions.names.${name}`)}>
            {reaction.emoji}
          </span>
          <span className={styles.reactionName}>{reaction.identity === selfIdentity ? t("meeting.you") : reaction.name}</span>
        </div>
        );
      })}
    </div>
  );
}
