"use client";

import { MediaDeviceFailure, Track } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import styles from "../meeting.module.css";
import { Icon } from "./icons";

/** A microphone, camera or screen that would not start, or (source "other") anything else that failed mid-call. */
export type MediaProblem = { source: Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare | "other"; failure: MediaDeviceFailure };

const failureNames = {
  [MediaDeviceFailure.PermissionDenied]: "permissionDenied",
  [MediaDeviceFailure.NotFound]: "notFound",
  [MediaDeviceFailure.DeviceInUse]: "deviceInUse",
  [MediaDeviceFailure.Other]: "other",
} as const;

/** The readable sentence for a camera or microphone that would not start. */
export function mediaFailureKey(device: "camera" | "microphone", failure: MediaDeviceFailure): MessageKey {
  return `meeting.mediaErrors.${device}.${failureNames[failure] ?? "other"}`;
}

function messageKey({ source, failure }: MediaProblem): MessageKey {
  if (source === Track.Source.ScreenShare) return "meeting.mediaErrors.screen";
  if (source === Track.Source.Microphone) return mediaFailureKey("microphone", failure);
  if (source === Track.Source.Camera) return mediaFailureKey("camera", failure);
  return "common.error";
}

/**
 * Whether an error from starting a device deserves a notice. Closing the screen picker is a choice,
 * not a failure; Chrome reports both that and a system-level refusal as NotAllowedError, told apart by message.
 */
export function isWorthReporting(source: MediaProblem["source"], error: unknown): boolean {
  if (source !== Track.Source.ScreenShare || !(error instanceof Error) || error.name !== "NotAllowedError") return true;
  return /system/i.test(error.message);
}

export function MediaNotice({ problem, onDismiss }: { problem: MediaProblem; onDismiss: () => void }) {
  const t = useT();
  return (
    <div className={styles.mediaNotice} role="alert">
      <Icon name="error" />
      <p>{t(messageKey(problem))}</p>
      <button type="button" className={styles.iconButton} onClick={onDismiss}>
        <Icon name="close" />
        <span className={styles.srOnly}>{t("meeting.room.dismiss")}</span>
      </button>
    </div>
  );
}
