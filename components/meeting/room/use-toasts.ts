import { useCallback, useEffect, useRef, useState } from "react";

export type ToastTone = "info" | "error";
export type Toast = { id: number; text: string; tone: ToastTone };

const SHOWN_MS: Record<ToastTone, number> = { info: 6_000, error: 10_000 };
// More than this at once is noise; the oldest make room.
const MAX_TOASTS = 4;

/** Short messages in a corner that go away by themselves (or with their dismiss button). */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback(
    (text: string, tone: ToastTone = "info") => {
      const id = nextId.current++;
      setToasts((current) => [...current, { id, text, tone }].slice(-MAX_TOASTS));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), SHOWN_MS[tone]),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { toasts, notify, dismiss };
}
