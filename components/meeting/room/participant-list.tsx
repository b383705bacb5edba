"use client";

import { useParticipants } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { initialsOf, readParticipantRole, type ParticipantRole } from "@/lib/meetings/participant-info";
import styles from "../meeting.module.css";
import { Icon } from "./icons";

/** You first, then in the order people joined. */
function byListOrder(a: Participant, b: Participant): number {
  if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
  return (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0);
}

/**
 * Everyone in the room with role and mic/camera state. useParticipants re-renders on mute,
 * metadata and join/leave events, so reading the participant fields during render stays current.
 */
export function ParticipantList({ selfRole, onClose }: { selfRole: ParticipantRole; onClose: () => void }) {
  const t = useT();
  const participants = [...useParticipants()].sort(byListOrder);

  return (
    <aside className={styles.panel} data-testid="participant-list" aria-label={t("meeting.controls.participants")}>
      <header className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>{t("meeting.participants.title", { count: participants.length })}</h2>
        <button type="button" className={styles.iconButton} onClick={onClose}>
          <Icon name="close" />
          <span className={styles.srOnly}>{t("common.close")}</span>
        </button>
      </header>
      <ul className={styles.participantRows}>
        {participants.map((participant) => (
          <ParticipantRow key={participant.identity} participant={participant} selfRole={selfRole} />
        ))}
      </ul>
    </aside>
  );
}

function ParticipantRow({ participant, selfRole }: { participant: Participant; selfRole: ParticipantRole }) {
  const t = useT();
  const name = participant.name || participant.identity;
  // Our own metadata can lag the token on the first render; the server already told us our role.
  const role = readParticipantRole(participant.metadata) ?? (participant.isLocal ? selfRole : null);
  const micOn = participant.isMicrophoneEnabled;
  const cameraOn = participant.isCameraEnabled;

  return (
    <li className={styles.participantRow} data-testid="participant-item" data-identity={participant.identity}>
      <span className={styles.avatarSmall} aria-hidden="true">
        {initialsOf(name)}
      </span>
      <span className={styles.participantText}>
        <span className={styles.participantName}>{participant.isLocal ? t("meeting.nameWithYou", { name }) : name}</span>
        {role && <span className={styles.participantRole}>{t(`meeting.roles.${role}`)}</span>}
      </span>
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
    </li>
  );
}
