"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { initialsOf } from "@/lib/meetings/participant-info";
import styles from "../meeting.module.css";
import type { LobbyState } from "./use-lobby-requests";

/** People knocking, longest waiting first, with Admit / Deny each and Admit all. Hosts only. */
export function LobbyPanel({ lobby }: { lobby: LobbyState }) {
  const t = useT();
  const titleId = useId();
  const { requests, error, pending, decide } = lobby;

  return (
    <section className={styles.lobbySection} data-testid="lobby-panel" aria-labelledby={titleId}>
      <div className={styles.lobbyHeader}>
        <h3 id={titleId} className={styles.sectionTitle}>
          {t("meeting.lobbyPanel.title", { count: requests.length })}
        </h3>
        {requests.length > 0 && (
          <button type="button" className={styles.smallButton} disabled={pending} onClick={() => void decide({ action: "admit_all" })}>
            {t("meeting.lobbyPanel.admitAll")}
          </button>
        )}
      </div>
      {error && <p className={styles.errorText}>{t("meeting.lobbyPanel.loadFailed", { reason: error })}</p>}
      {requests.length === 0 ? (
        <p className={styles.panelNote}>{t("meeting.lobbyPanel.empty")}</p>
      ) : (
        <ul className={styles.lobbyRows}>
          {requests.map(({ identity, name }) => (
            <li key={identity} className={styles.lobbyRow} data-testid="lobby-request" data-identity={identity}>
              <span className={styles.avatarSmall} aria-hidden="true">
                {initialsOf(name)}
              </span>
              <span className={styles.participantName}>{name}</span>
              <button
                type="button"
                className={styles.smallButton}
                aria-label={t("meeting.lobbyPanel.deny", { name })}
                disabled={pending}
                onClick={() => void decide({ action: "deny", identity })}
              >
                {t("meeting.lobbyPanel.denyShort")}
              </button>
              <button
                type="button"
                className={`${styles.smallButton} ${styles.smallButtonPrimary}`}
                aria-label={t("meeting.lobbyPanel.admit", { name })}
                disabled={pending}
                onClick={() => void decide({ action: "admit", identity })}
              >
                {t("meeting.lobbyPanel.admitShort")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
