"use client";

import { useT } from "@/components/i18n/i18n-provider";
import styles from "../meeting.module.css";
import { Icon } from "./icons";
import type { Toast } from "./use-toasts";

/** The region stays mounted so screen readers announce each toast as it is added. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const t = useT();
  return (
    <div className={styles.toasts} role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={toast.tone === "error" ? `${styles.toast} ${styles.toastError}` : styles.toast} data-testid="toast">
          <p>{toast.text}</p>
          <button type="button" className={styles.iconButton} onClick={() => onDismiss(toast.id)}>
            <Icon name="close" />
            <span className={styles.srOnly}>{t("meeting.room.dismiss")}</span>
          </button>
        </div>
      ))}
    </div>
  );
}
