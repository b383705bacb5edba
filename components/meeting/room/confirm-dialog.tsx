"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import styles from "../meeting.module.css";

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
 * A small modal question. The native <dialog> opened with showModal() traps focus, makes the rest
 * of the page inert and closes on Escape (reported as cancel). Cancel comes first and gets the
 * initial focus, so a stray Enter never confirms something destructive.
 */
export function ConfirmDialog({ title, description, confirmLabel, cancelLabel, tone = "default", busy, onConfirm, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault(); // the parent unmounts us; let it decide
        onCancel();
      }}
    >
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
    </dialog>
  );
}
