"use client";

import { useCallback, useEffect, useId, type KeyboardEvent } from "react";
import { useMediaDeviceSelect } from "@livekit/components-react";
import { supportsAudioOutputSelection } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import styles from "../meeting.module.css";
import { Icon } from "./icons";
import { NoiseSuppressionQualityGroup } from "./noise-suppression-quality-group";
import { usePopover } from "./use-popover";

type Group = { kind: MediaDeviceKind; title: MessageKey; unnamed: MessageKey };

const groups: Record<"microphone" | "camera", Group[]> = {
  microphone: [
    { kind: "audioinput", title: "meeting.devices.microphone", unnamed: "meeting.devices.unnamedMicrophone" },
    { kind: "audiooutput", title: "meeting.devices.speaker", unnamed: "meeting.devices.unnamedSpeaker" },
  ],
  camera: [{ kind: "videoinput", title: "meeting.devices.camera", unnamed: "meeting.devices.unnamedCamera" }],
};

type Props = { device: "microphone" | "camera"; onFailure: (error: unknown) => void };

/** The small arrow next to the mic/camera button: a menu to switch device (and speaker) mid-call. */
export function DeviceMenu({ device, onFailure }: Props) {
  const t = useT();
  const menuId = useId();
  const { open, toggle, close, rootRef, buttonRef } = usePopover();
  const shown = groups[device].filter((group) => group.kind !== "audiooutput" || supportsAudioOutputSelection());

  // Opening moves focus into the menu, as menus do.
  useEffect(() => {
    if (open) rootRef.current?.querySelector<HTMLElement>('[role="menuitemradio"]')?.focus();
  }, [open, rootRef]);

  // Handled on the wrapper, so ArrowDown also works from the button while the list is still loading.
  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") close(true);
    else if (event.key === "ArrowDown") items[(index + 1) % items.length]?.focus();
    else if (event.key === "ArrowUp") items[(index - 1 + items.length) % items.length]?.focus();
    else if (event.key === "Tab") close(false);
    else return;
    if (event.key !== "Tab") event.preventDefault();
  }

  return (
    <div className={styles.deviceMenu} ref={rootRef} onKeyDown={open ? onMenuKeyDown : undefined}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.deviceMenuButton}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
      >
        <Icon name="chevronUp" />
        <span className={styles.srOnly}>{t(device === "microphone" ? "meeting.controls.micOptions" : "meeting.controls.cameraOptions")}</span>
      </button>
      {open && (
        <div id={menuId} role="menu" className={styles.menu}>
          {shown.map((group) => (
            <DeviceGroup key={group.kind} group={group} onChosen={() => close(true)} onFailure={onFailure} />
          ))}
          {device === "microphone" && <NoiseSuppressionQualityGroup onChosen={() => close(true)} />}
        </div>
      )}
    </div>
  );
}

function DeviceGroup({ group, onChosen, onFailure }: { group: Group; onChosen: () => void; onFailure: (error: unknown) => void }) {
  const t = useT();
  const titleId = useId();
  const onError = useCallback((error: Error) => console.warn(`[room] could not list ${group.kind} devices`, error), [group.kind]);
  // No permission prompt from merely opening a menu; without it the names read "Camera 1", "Camera 2".
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind: group.kind, requestPermissions: false, onError });
  const options = devices.filter((d) => d.deviceId !== "");
  // Until the browser reports which device is live, the first one is (that is what it picks by default).
  const active = options.some((d) => d.deviceId === activeDeviceId) ? activeDeviceId : options[0]?.deviceId;

  function choose(deviceId: string) {
    onChosen();
    setActiveMediaDevice(deviceId, { exact: true }).catch(onFailure);
  }

  return (
    <div role="group" aria-labelledby={titleId}>
      <p id={titleId} className={styles.menuTitle}>
        {t(group.title)}
      </p>
      {options.length === 0 && <p className={styles.menuEmpty}>{t("meeting.devices.noneFound")}</p>}
      {options.map((device, index) => {
        const checked = device.deviceId === active;
        return (
          <button
            key={device.deviceId}
            type="button"
            role="menuitemradio"
            aria-checked={checked}
            tabIndex={-1}
            className={styles.menuItem}
            onClick={() => choose(device.deviceId)}
          >
            <span className={styles.menuCheck}>{checked && <Icon name="check" />}</span>
            {device.label || t(group.unnamed, { index: index + 1 })}
          </button>
        );
      })}
    </div>
  );
}
