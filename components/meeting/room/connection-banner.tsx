"use client";

import { ConnectionState, DisconnectReason } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import styles from "../meeting.module.css";

/** Why we are out of the room when we did not press Leave. */
export type RoomEnding = { kind: "disconnected"; reason?: DisconnectReason } | { kind: "failed"; message: string };

/** What the server said just before removing you (`parley.control` "removed"); the disconnect follows it. */
export type Removal = { banned: boolean };

function endingText(ending: RoomEnding, removal: Removal | null, t: (key: MessageKey, vars?: Record<string, string>) => string): string {
  if (ending.kind === "failed") return t("meeting.room.disconnected.failed", { reason: ending.message });
  switch (ending.reason) {
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return t("meeting.room.disconnected.ended");
    case DisconnectReason.PARTICIPANT_REMOVED:
      return t(removal?.banned ? "meeting.room.disconnected.banned" : "meeting.room.disconnected.removed");
    case DisconnectReason.DUPLICATE_IDENTITY:
      return t("meeting.room.disconnected.duplicate");
    default:
      return t("meeting.room.disconnected.lost");
  }
}

/**
 * The status line stays mounted (empty when all is well) so screen readers, which watch live
 * regions that already exist, announce "Reconnecting…" when it appears.
 */
type Props = { state: ConnectionState; ending: RoomEnding | null; removal: Removal | null; onRejoin: () => void };

export function ConnectionBanner({ state, ending, removal, onRejoin }: Props) {
  const t = useT();
  const reconnecting = state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
  const connecting = state === ConnectionState.Connecting;
  // Banned people cannot come back; do not offer what the server would refuse.
  const banned = ending?.kind === "disconnected" && ending.reason === DisconnectReason.PARTICIPANT_REMOVED && removal?.banned;

  return (
    <>
      <div role="status" className={styles.banner}>
        {!ending && reconnecting ? t("meeting.room.reconnecting") : !ending && connecting ? t("meeting.room.connecting") : null}
      </div>
      {ending && (
        <div className={styles.endedOverlay}>
          <div className={styles.endedCard} role="alert">
            <p>{endingText(ending, removal, t)}</p>
            <button type="button" className={styles.primaryButton} onClick={onRejoin}>
              {t(banned ? "meeting.room.backToStart" : "meeting.room.rejoin")}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
