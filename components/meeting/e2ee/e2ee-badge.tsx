"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import styles from "../meeting.module.css";
import { ModalDialog } from "../room/modal-dialog";
import { Icon } from "../room/icons";
import type { ToastTone } from "../room/use-toasts";
import { useMeetingKeyContext } from "./meeting-key-context";

const NOTICE_EVERY_MS = 15_000;

/**
 * The lock in the header of an end-to-end encrypted room, with the verification code people
 * compare aloud; and a clear notice (not garbled media) when someone's media cannot be decrypted.
 */
export function E2eeBadge({ notify }: { notify: (text: string, tone?: ToastTone) => void }) {
  const t = useT();
  const key = useMeetingKeyContext();
  const room = useRoomContext();
  const [open, setOpen] = useState(false);
  const [undecryptable, setUndecryptable] = useState<string | null>(null);
  const titleId = useId();
  const lastNotice = useRef(0);

  useEffect(() => {
    if (!key) return;
    const onError = (error: Error, participant?: Participant) => {
      console.warn("[e2ee] could not decrypt", participant?.identity, error.message);
      const text = participant ? t("meeting.e2ee.cannotDecrypt", { name: participant.name || participant.identity }) : t("meeting.e2ee.cannotDecryptSomeone");
      setUndecryptable(text);
      if (Date.now() - lastNotice.current > NOTICE_EVERY_MS) {
        lastNotice.current = Date.now();
        notify(text, "error");
      }
    };
    room.on(RoomEvent.EncryptionError, onError);
    return () => {
      room.off(RoomEvent.EncryptionError, onError);
    };
  }, [key, room, notify, t]);

  if (!key) return null;
  return (
    <>
      <button
        type="button"
        className={styles.e2eeBadge}
        data-testid="e2ee-badge"
        data-undecryptable={undecryptable ? "true" : undefined}
        title={t("meeting.e2ee.showCode")}
        onClick={() => setOpen(true)}
      >
        <Icon name="lock" /> {t("meeting.e2ee.badge")}
      </button>
      {open && (
        <ModalDialog aria-labelledby={titleId} onClose={() => setOpen(false)}>
          <h2 id={titleId} className={styles.dialogTitle}>
            {t("meeting.e2ee.verifyTitle")}
          </h2>
          <p className={styles.verificationCode} data-testid="verification-code">
            {key.keys.verificationCode}
          </p>
          <p className={styles.muted}>{t("meeting.e2ee.verifyHint")}</p>
          {undecryptable && (
            <p role="alert" className={styles.muted}>
              {undecryptable}
            </p>
          )}
          <div className={styles.dialogActions}>
            <button type="button" className={styles.primaryButton} onClick={() => setOpen(false)}>
              {t("meeting.e2ee.close")}
            </button>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
