"use client";

import { useId, useSyncExternalStore } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { can } from "@/lib/meetings/permissions";
import { CaptionsButton } from "../captions/captions-button";
import type { Captions } from "../captions/use-captions-state";
import styles from "../meeting.module.css";
import { ControlButton } from "./control-button";
import { DeviceMenu } from "./device-menu";
import { HandToggle } from "./hand-toggle";
import { HostMenu } from "./host-menu";
import { MediaToggle, type ToggleableSource } from "./media-toggle";
import { useMeeting } from "./meeting-context";
import { NoiseSuppressionToggle } from "./noise-suppression-toggle";
import { ReactionPicker } from "./reaction-picker";
import { RecordButton } from "./record-control";
import type { Recorder } from "./use-recorder";

export type Panel = "chat" | "participants" | "transcript";

type Props = {
  canPublish: boolean;
  panel: Panel | null;
  onTogglePanel: (panel: Panel) => void;
  unread: number;
  participantCount: number;
  /** People knocking (hosts only; 0 for everyone else). Replaces the people count on the badge. */
  lobbyCount: number;
  recorder: Recorder;
  captions: Captions;
  onLeave: () => void;
  onMediaFailure: (source: ToggleableSource, error: unknown) => void;
};

const noSubscribe = () => () => {};
// Phones have no getDisplayMedia; hide the button rather than offer something that cannot work.
const canShareScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === "function";

/** The bottom bar: media toggles with device menus, screen share, hand, reactions, host menu, leave; chat and people on the side. */
export function ControlBar({ canPublish, panel, onTogglePanel, unread, participantCount, lobbyCount, recorder, captions, onLeave, onMediaFailure }: Props) {
  const t = useT();
  const unreadId = useId();
  const peopleId = useId();
  const lobbyId = useId();
  const { role, settings } = useMeeting();
  const { isScreenShareEnabled } = useLocalParticipant();
  const screenShareSupported = useSyncExternalStore(noSubscribe, canShareScreen, () => false);
  // Someone already sharing when hosts take screen sharing away keeps the button to stop it.
  const mayShare = can(role, "screen_share.start", settings) || isScreenShareEnabled;

  return (
    <div className={styles.controlBar}>
      <div className={styles.controlsMain} role="group" aria-label={t("meeting.controls.toolbar")}>
        {canPublish && (
          <>
            <div className={styles.splitControl}>
              <MediaToggle source={Track.Source.Microphone} onFailure={onMediaFailure} />
              <DeviceMenu device="microphone" onFailure={(error) => onMediaFailure(Track.Source.Microphone, error)} />
            </div>
            <NoiseSuppressionToggle />
            <div className={styles.splitControl}>
              <MediaToggle source={Track.Source.Camera} onFailure={onMediaFailure} />
              <DeviceMenu device="camera" onFailure={(error) => onMediaFailure(Track.Source.Camera, error)} />
            </div>
            {screenShareSupported && mayShare && <MediaToggle source={Track.Source.ScreenShare} onFailure={onMediaFailure} />}
          </>
        )}
        {can(role, "hand.raise") && <HandToggle />}
        {can(role, "reaction.send") && <ReactionPicker />}
        <CaptionsButton captions={captions} />
        <RecordButton recorder={recorder} />
        <HostMenu />
        <ControlButton icon="callEnd" label={t("meeting.controls.leave")} tone="danger" className={styles.leaveButton} onClick={onLeave} />
      </div>
      <div className={styles.controlsSide}>
        <ControlButton
          icon="chat"
          label={t("meeting.controls.chat")}
          tone={panel === "chat" ? "active" : "default"}
          aria-expanded={panel === "chat"}
          badge={unread}
          aria-describedby={unread > 0 ? unreadId : undefined}
          onClick={() => onTogglePanel("chat")}
        />
        <ControlButton
          icon="transcript"
          label={t("captions.panelTitle")}
          tone={panel === "transcript" ? "active" : "default"}
          aria-expanded={panel === "transcript"}
          onClick={() => onTogglePanel("transcript")}
        />
        <ControlButton
          icon="people"
          label={t("meeting.controls.participants")}
          tone={panel === "participants" ? "active" : "default"}
          aria-expanded={panel === "participants"}
          badge={lobbyCount > 0 ? lobbyCount : participantCount}
          badgeTone={lobbyCount > 0 ? "alert" : "default"}
          aria-describedby={lobbyCount > 0 ? `${peopleId} ${lobbyId}` : peopleId}
          data-lobby-count={lobbyCount}
          onClick={() => onTogglePanel("participants")}
        />
        <span id={unreadId} hidden>
          {t("meeting.controls.unread", { count: unread })}
        </span>
        <span id={peopleId} hidden>
          {t("meeting.controls.peopleCount", { count: participantCount })}
        </span>
        <span id={lobbyId} hidden>
          {t("meeting.lobbyPanel.waitingCount", { count: lobbyCount })}
        </span>
      </div>
    </div>
  );
}
