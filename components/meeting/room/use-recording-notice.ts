import { useEffect, useRef } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { ToastTone } from "./use-toasts";

/**
 * Tells the person when recording starts (or that it is already on when they join) and when it
 * stops, as Zoom and Meet do; the badge in the header stays while it lasts.
 */
export function useRecordingNotice(recording: boolean, notify: (text: string, tone?: ToastTone) => void) {
  const t = useT();
  const previous = useRef(false);
  useEffect(() => {
    if (recording && !previous.current) notify(t("shell.recording.started"));
    if (!recording && previous.current) notify(t("shell.recording.stopped"));
    previous.current = recording;
  }, [recording, notify, t]);
}
