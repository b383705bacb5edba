"use client";

import { useId, type ReactNode } from "react";
import styles from "../meeting.module.css";
import { ModalDialog } from "./modal-dialog";

type Props = {
  title: string;
  description?: string;
  confirmLabel: string;
  cancelLabel: string;
  /** "danger" paints the confirm button red (remove, end). */
  tone?: "default" | "danger";
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
};

/**
 * A small modal question (ModalDialog: focus trapped, Escape cancels). Cancel comes first and gets
 * the initial focus, so a stray Enter never confirms something destructive.
 */
export function ConfirmDialog({ title, description, confirmLabel, cancelLabel, tone = "default", busy, onConfirm, onCancel, children }: Props) {
  const titleId = useId();
  const descriptionId = useId();

  return (
    <ModalDialog aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined} onClose={onCancel}>
      <h2 id={titleId} className={styles.dialogTitle}>
        {title}
      </h2>
      {description && (
        <p id={descriptionId} className={styles.muted}>
          {description}
        </p>
      )}
      {children}
      <div className={styles.dialogActions}>
        <button type="button" className={styles.secondaryButton} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={tone === "danger" ? styles.dangerButton : styles.primaryButton}
          aria-busy={busy}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
