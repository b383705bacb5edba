"use client";

import { useParticipants } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { HAND_ATTRIBUTE, handRaisedAt, orderParticipants } from "@/lib/meetings/hands";
import { hostActionsFor } from "@/lib/meetings/participant-actions";
import { initialsOf, readParticipantRole } from "@/lib/meetings/participant-info";
import { can } from "@/lib/meetings/permissions";
import styles from "../meeting.module.css";
import { Icon } from "./icons";
import { LobbyPanel } from "./lobby-panel";
import { useMeeting } from "./meeting-context";
import { ParticipantHostActions } from "./participant-host-actions";
import type { LobbyState } from "./use-lobby-requests";
import { useHostControl } from "./use-host-control";

const handOf = (participant: Participant) => handRaisedAt(participant.attributes[HAND_ATTRIBUTE]);

type Props = {
  /** Null hides the lobby section (not a host, or no lobby and nobody waiting). */
  lobby: LobbyState | null;
  onClose: () => void;
};

/**
 * Everyone in the room with role, hand and mic/camera state; raised hands first. useParticipants
 * re-renders on mute, metadata, attribute and join/leave events, so reading the fields during render stays current.
 */
export function ParticipantList({ lobby, onClose }: Props) {
  const t = useT();
  const { role } = useMeeting();
  const { run, pending } = useHostControl();
  const participants = orderParticipants(useParticipants(), (p) => ({
    key: p.identity,
    isLocal: p.isLocal,
    joinedAt: p.joinedAt?.getTime() ?? 0,
    handRaisedAt: handOf(p),
  }));

  return (
    <aside className={styles.panel} data-testid="participant-list" aria-label={t("meeting.controls.participants")}>
      <header className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>{t("meeting.participants.title", { count: participants.length })}</h2>
        <button type="button" className={styles.iconButton} onClick={onClose}>
          <Icon name="close" />
          <span className={styles.srOnly}>{t("common.close")}</span>
        </button>
      </header>
      <div className={styles.panelScroll}>
        {lobby && <LobbyPanel lobby={lobby} />}
        {can(role, "participant.mute_all") && (
          <div className={styles.listToolbar}>
            <button type="button" className={styles.smallButton} disabled={pending} onClick={() => void run({ action: "mute_all" })}>
              {t("meeting.hostControls.muteAll")}
            </button>
          </div>
        )}
        <ul className={styles.participantRows}>
          {participants.map((participant) => (
            <ParticipantRow key={participant.identity} participant={participant} />
          ))}
        </ul>
      </div>
    </aside>
  );
}

function ParticipantRow({ participant }: { participant: Participant }) {
  const t = useT();
  const { role: myRole } = useMeeting();
  const name = participant.name || participant.identity;
  // Your own role comes from the room (it falls back to the token's until metadata arrives).
  const role = participant.isLocal ? myRole : readParticipantRole(participant.metadata);
  const micOn = participant.isMicrophoneEnabled;
  const cameraOn = participant.isCameraEnabled;
  const handUp = handOf(participant) !== null;
  const actions = hostActionsFor(myRole, {
    role,
    isLocal: participant.isLocal,
    micOn,
    cameraOn,
    sharingScreen: participant.isScreenShareEnabled,
    handRaised: handUp,
  });

  return (
    <li className={styles.participantRow} data-testid="participant-item" data-identity={participant.identity} data-hand-raised={String(handUp)}>
      <span className={styles.avatarSmall} aria-hidden="true">
        {initialsOf(name)}
      </span>
      <span className={styles.participantText}>
        <span className={styles.participantName}>{participant.isLocal ? t("meeting.nameWithYou", { name }) : name}</span>
        {role && <span className={styles.participantRole}>{t(`meeting.roles.${role}`)}</span>}
      </span>
      {/* An icon, not the ✋ emoji: it looks the same with or without an emoji font. */}
      {handUp && <Icon name="hand" label={t("meeting.participants.handRaised")} className={styles.handBadge} />}
      <Icon
        name={micOn ? "mic" : "micOff"}
        label={micOn ? t("meeting.participants.micOn") : t("meeting.participants.micOff")}
        className={micOn ? styles.stateOn : styles.stateOff}
      />
      <Icon
        name={cameraOn ? "camera" : "cameraOff"}
        label={cameraOn ? t("meeting.participants.cameraOn") : t("meeting.participants.cameraOff")}
        className={cameraOn ? styles.stateOn : styles.stateOff}
      />
      {actions.length > 0 && <ParticipantHostActions identity={participant.identity} name={name} actions={actions} />}
    </li>
  );
}
