"use client";

import { useCallback, useId } from "react";
import { useMediaDeviceSelect } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import styles from "../meeting.module.css";

const labelKeys: Record<MediaDeviceKind, { label: MessageKey; unnamed: MessageKey }> = {
  audioinput: { label: "meeting.devices.microphone", unnamed: "meeting.devices.unnamedMicrophone" },
  videoinput: { label: "meeting.devices.camera", unnamed: "meeting.devices.unnamedCamera" },
  audiooutput: { label: "meeting.devices.speaker", unnamed: "meeting.devices.unnamedSpeaker" },
};

type Props = {
  kind: MediaDeviceKind;
  /** Chosen device, or undefined for the browser's default. */
  value: string | undefined;
  onChange: (deviceId: string) => void;
  /**
   * Ask for permission to read device names. Only once a preview track of this kind is open,
   * otherwise listing cameras would prompt for a camera the person just turned off.
   */
  requestPermissions: boolean;
};

/** A labelled <select> of one kind of media device; the list follows plugging and unplugging. */
export function DeviceSelect({ kind, value, onChange, requestPermissions }: Props) {
  const t = useT();
  const id = useId();
  const onError = useCallback((error: Error) => console.warn(`[prejoin] could not list ${kind} devices`, error), [kind]);
  // Used for its device list (with the permission switch useMediaDevices lacks); the choice itself is ours.
  const { devices } = useMediaDeviceSelect({ kind, requestPermissions, onError });
  // Before permission Firefox lists devices with empty ids that cannot be selected.
  const options = devices.filter((device) => device.deviceId !== "");
  const selected = options.some((device) => device.deviceId === value) ? value : (options[0]?.deviceId ?? "");
  const keys = labelKeys[kind];

  return (
    <div className={styles.field}>
      <label htmlFor={id}>{t(keys.label)}</label>
      <select id={id} className={styles.select} value={selected} disabled={options.length === 0} onChange={(event) => onChange(event.target.value)}>
        {options.length === 0 ? (
          <option value="">{t("meeting.devices.noneFound")}</option>
        ) : (
          options.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || t(keys.unnamed, { index: index + 1 })}
            </option>
          ))
        )}
      </select>
    </div>
  );
}
