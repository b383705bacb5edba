"use client";

import { useT } from "@/components/i18n/i18n-provider";
import styles from "./meeting.module.css";

/** Shown after knocking, until a host admits or denies (or the visitor gives up). */
export function LobbyWaiting({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  return (
    <section className={styles.lobbyWaiting} data-testid="lobby-waiting">
      <span className={styles.spinner} aria-hidden="true" />
      <p role="status" className={styles.lobbyWaitingText}>
        {t("meeting.lobby.waiting")}
      </p>
      <p className={styles.muted}>{t("meeting.lobby.waitingHint")}</p>
      <button type="button" className={styles.secondaryButton} onClick={onCancel}>
        {t("meeting.lobby.cancel")}
      </button>
    </section>
  );
}
