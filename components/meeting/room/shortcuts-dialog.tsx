"use client";

import { useId, useSyncExternalStore } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import { SHORTCUTS, describeShortcut, type ShortcutAction } from "@/lib/meetings/shortcuts";
import styles from "../meeting.module.css";
import { ModalDialog } from "./modal-dialog";

const label: Record<ShortcutAction, MessageKey> = {
  mic: "shell.shortcuts.mic",
  camera: "shell.shortcuts.camera",
  chat: "shell.shortcuts.chat",
  participants: "shell.shortcuts.participants",
  hand: "shell.shortcuts.hand",
  help: "shell.shortcuts.help",
};

const noSubscribe = () => () => {};
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** The list of keyboard shortcuts, opened with "?" or the keyboard button; Escape closes it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const mac = useSyncExternalStore(noSubscribe, isMac, () => false);

  return (
    <ModalDialog aria-labelledby={titleId} data-testid="shortcuts-dialog" onClose={onClose}>
      <h2 id={titleId} className={styles.dialogTitle}>
        {t("shell.shortcuts.title")}
      </h2>
      <dl className={styles.shortcutList}>
        {SHORTCUTS.map(({ action }) => (
          <div key={action} className={styles.shortcutRow}>
            <dt>{t(label[action])}</dt>
            <dd>
              <kbd>{describeShortcut(action, mac)}</kbd>
            </dd>
          </div>
        ))}
        <div className={styles.shortcutRow}>
          <dt>{t("shell.shortcuts.close")}</dt>
          <dd>
            <kbd>Esc</kbd>
          </dd>
        </div>
      </dl>
      <div className={styles.dialogActions}>
        <button type="button" className={styles.secondaryButton} onClick={onClose} autoFocus>
          {t("common.close")}
        </button>
      </div>
    </ModalDialog>
  );
}
