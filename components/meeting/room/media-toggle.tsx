"use client";

import { useCallback } from "react";
import { useTrackToggle } from "@livekit/components-react";
import { Track, type ScreenShareCaptureOptions } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import { ControlButton } from "./control-button";
import type { IconName } from "./icons";

export type ToggleableSource = Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;

const look: Record<ToggleableSource, { whenOn: [IconName, MessageKey]; whenOff: [IconName, MessageKey] }> = {
  [Track.Source.Microphone]: { whenOn: ["mic", "meeting.controls.micOff"], whenOff: ["micOff", "meeting.controls.micOn"] },
  [Track.Source.Camera]: { whenOn: ["camera", "meeting.controls.cameraOff"], whenOff: ["cameraOff", "meeting.controls.cameraOn"] },
  [Track.Source.ScreenShare]: { whenOn: ["stopScreenShare", "meeting.controls.shareStop"], whenOff: ["screenShare", "meeting.controls.shareStart"] },
};

// Tab audio comes along when the browser offers it; our own tab is left out to avoid a hall of mirrors.
const SCREEN_CAPTURE: ScreenShareCaptureOptions = { audio: true, selfBrowserSurface: "exclude", surfaceSwitching: "include" };

/** Mic, camera or screen-share button. The label says what a click will do ("Turn off microphone"). */
export function MediaToggle({ source, onFailure }: { source: ToggleableSource; onFailure: (source: ToggleableSource, error: unknown) => void }) {
  const t = useT();
  const onDeviceError = useCallback((error: Error) => onFailure(source, error), [source, onFailure]);
  const { enabled, pending, toggle } = useTrackToggle({
    source,
    onDeviceError,
    captureOptions: source === Track.Source.ScreenShare ? SCREEN_CAPTURE : undefined,
  });
  const [icon, labelKey] = enabled ? look[source].whenOn : look[source].whenOff;
  const isScreen = source === Track.Source.ScreenShare;

  return (
    <ControlButton
      icon={icon}
      label={t(labelKey)}
      tone={isScreen ? (enabled ? "active" : "default") : enabled ? "default" : "off"}
      aria-busy={pending}
      onClick={() => {
        if (pending) return;
        toggle().catch((error: unknown) => onFailure(source, error));
      }}
    />
  );
}
