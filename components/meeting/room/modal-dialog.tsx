"use client";

import { useEffect, useRef, type ComponentPropsWithoutRef } from "react";
import styles from "../meeting.module.css";

type Props = Omit<ComponentPropsWithoutRef<"dialog">, "onCancel" | "open" | "className"> & {
  /** Escape (the dialog's cancel); the parent decides, usually by unmounting it. */
  onClose: () => void;
};

/**
 * The native <dialog>, opened with showModal() while mounted: it traps focus, makes the rest of the
 * page inert and reports Escape as cancel.
 */
export function ModalDialog({ onClose, children, ...rest }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      {...rest}
      ref={ref}
      className={styles.dialog}
      onCancel={(event) => {
        event.preventDefault(); // the parent unmounts us; let it decide
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
