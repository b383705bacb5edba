"use client";

import { useEffect, useRef } from "react";
import type { LocalVideoTrack } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { initialsOf } from "@/lib/meetings/participant-info";
import styles from "../meeting.module.css";
import { ControlButton } from "../room/control-button";
import { MicLevelMeter } from "./mic-level-meter";

type Props = {
  displayName: string;
  videoTrack?: LocalVideoTrack;
  videoStarting: boolean;
  micLevel: number;
  /** Undefined hides the toggles (view-only guests). */
  toggles?: { micOn: boolean; cameraOn: boolean; onToggleMic: () => void; onToggleCamera: () => void };
};

/** The self-view: mirrored camera (or initials), the mic meter and the two toggles on top of it. */
export function PrejoinPreview({ displayName, videoTrack, videoStarting, micLevel, toggles }: Props) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = videoRef.current;
    if (!videoTrack || !element) return;
    videoTrack.attach(element);
    return () => {
      videoTrack.detach(element);
    };
  }, [videoTrack]);

  return (
    <div className={styles.preview}>
      {/* Always rendered (under the placeholder when there is no track) so the preview area never jumps. */}
      <video ref={videoRef} data-testid="prejoin-preview" className={styles.previewVideo} autoPlay playsInline muted />
      {!videoTrack && (
        <div className={styles.previewPlaceholder}>
          <span className={styles.avatarLarge} aria-hidden="true">
            {initialsOf(displayName)}
          </span>
          <span>{videoStarting ? t("meeting.prejoin.cameraStarting") : t("meeting.prejoin.cameraOff")}</span>
        </div>
      )}
      <span className={styles.previewName}>{displayName}</span>
      {toggles && (
        <>
          <div className={styles.previewMeter}>
            <MicLevelMeter level={toggles.micOn ? micLevel : 0} label={t("meeting.prejoin.micLevel")} />
          </div>
          <div className={styles.previewControls}>
            <ControlButton
              icon={toggles.micOn ? "mic" : "micOff"}
              label={toggles.micOn ? t("meeting.controls.micOff") : t("meeting.controls.micOn")}
              tone={toggles.micOn ? "default" : "off"}
              onClick={toggles.onToggleMic}
            />
            <ControlButton
              icon={toggles.cameraOn ? "camera" : "cameraOff"}
              label={toggles.cameraOn ? t("meeting.controls.cameraOff") : t("meeting.controls.cameraOn")}
              tone={toggles.cameraOn ? "default" : "off"}
              onClick={toggles.onToggleCamera}
            />
          </div>
        </>
      )}
    </div>
  );
}
