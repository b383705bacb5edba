"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import { controlRequestFor, type HostAction } from "@/lib/meetings/participant-actions";
import { can } from "@/lib/meetings/permissions";
import styles from "../meeting.module.css";
import { ConfirmDialog } from "./confirm-dialog";
import { useMeeting } from "./meeting-context";
import { useHostControl } from "./use-host-control";

/** [accessible name with the person's name, short visible text]. */
const labels: Record<HostAction, [MessageKey, MessageKey]> = {
  lower_hand: ["meeting.hostControls.lowerHand", "meeting.hostControls.lowerHandShort"],
  mute_microphone: ["meeting.hostControls.mute", "meeting.hostControls.muteShort"],
  request_unmute: ["meeting.hostControls.askToUnmute", "meeting.hostControls.askToUnmuteShort"],
  mute_camera: ["meeting.hostControls.stopCamera", "meeting.hostControls.stopCameraShort"],
  stop_screen_share: ["meeting.hostControls.stopShare", "meeting.hostControls.stopShareShort"],
  make_co_host: ["meeting.hostControls.makeCoHost", "meeting.hostControls.makeCoHostShort"],
  make_participant: ["meeting.hostControls.makeParticipant", "meeting.hostControls.makeParticipantShort"],
  make_viewer: ["meeting.hostControls.makeViewer", "meeting.hostControls.makeViewerShort"],
  remove: ["meeting.hostControls.remove", "meeting.hostControls.removeShort"],
};

type Props = { identity: string; name: string; actions: HostAction[] };

/**
 * The host's buttons on one row. Each shows a short word and is named in full for assistive tech
 * ("Mute Ann"). Remove asks first, with the choice to ban.
 */
export function ParticipantHostActions({ identity, name, actions }: Props) {
  const t = useT();
  const { role } = useMeeting();
  const { run, pending } = useHostControl();
  const [removing, setRemoving] = useState(false);
  const [ban, setBan] = useState(false);
  const canBan = can(role, "participant.ban");

  async function remove() {
    await run(canBan ? { action: "remove", identity, ban } : { action: "remove", identity });
    // Either they are gone (the row goes with them) or the toast says why not.
    setRemoving(false);
  }

  return (
    <>
      <div role="group" aria-label={t("meeting.participants.actionsFor", { name })} className={styles.rowActions}>
        {actions.map((action) => {
          const [long, short] = labels[action];
          return (
            <button
              key={action}
              type="button"
              className={action === "remove" ? `${styles.smallButton} ${styles.smallButtonDanger}` : styles.smallButton}
              aria-label={t(long, { name })}
              disabled={pending}
              onClick={() => {
                if (action === "remove") {
                  setBan(false);
                  setRemoving(true);
                } else void run(controlRequestFor(action, identity));
              }}
            >
              {t(short)}
            </button>
          );
        })}
      </div>
      {removing && (
        <ConfirmDialog
          title={t("meeting.hostControls.removeTitle", { name })}
          confirmLabel={t("meeting.hostControls.removeConfirm")}
          cancelLabel={t("common.cancel")}
          tone="danger"
          busy={pending}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(false)}
        >
          {canBan && (
            <label className={styles.checkboxField}>
              <input type="checkbox" checked={ban} onChange={(event) => setBan(event.target.checked)} />
              {t("meeting.hostControls.ban")}
            </label>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
