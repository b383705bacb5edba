"use client";

import { useMemo, useState } from "react";
import { useConnectionState, useLocalParticipantPermissions, useParticipants, useRoomContext, useStartAudio } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import type { ParticipantRole } from "@/lib/meetings/participant-info";
import { can } from "@/lib/meetings/permissions";
import styles from "../meeting.module.css";
import { ChatPanel } from "../chat/chat-panel";
import { useMeetingChat } from "../chat/use-meeting-chat";
import { ConnectionBanner, type RoomEnding } from "./connection-banner";
import { ControlBar, type Panel } from "./control-bar";
import { Icon } from "./icons";
import { MediaNotice, type MediaProblem } from "./media-notice";
import type { ToggleableSource } from "./media-toggle";
import { MeetingContext, type MeetingContextValue } from "./meeting-context";
import { MeetingStage } from "./meeting-stage";
import { ParticipantList } from "./participant-list";
import { ReactionOverlay } from "./reaction-overlay";
import { Toasts } from "./toasts";
import { UnmuteRequestDialog } from "./unmute-request-dialog";
import { useControlNotices } from "./use-control-notices";
import { useLobbyRequests } from "./use-lobby-requests";
import { useReactions } from "./use-reactions";
import { useRoomSettings, useSelfRole } from "./use-room-state";
import { useToasts } from "./use-toasts";

export type RoomSelf = { identity: string; name: string; role: ParticipantRole; canPublish: boolean };

type Props = {
  code: string;
  title: string;
  self: RoomSelf;
  ending: RoomEnding | null;
  problem: MediaProblem | null;
  onMediaFailure: (source: ToggleableSource, error: unknown) => void;
  onDismissProblem: () => void;
  /** Called before we disconnect on purpose, so the disconnect is not reported as a dropped call. */
  onLeaving: () => void;
  onLeave: () => void;
};

/** Everything inside the connected room: header, stage, side panel, control bar and status overlays. */
export function RoomView({ code, title, self, ending, problem, onMediaFailure, onDismissProblem, onLeaving, onLeave }: Props) {
  const t = useT();
  const room = useRoomContext();
  const connectionState = useConnectionState();
  // A host can grant or revoke publishing mid-call; the token's grant is only the starting point.
  const permissions = useLocalParticipantPermissions();
  const canPublish = permissions ? permissions.canPublish : self.canPublish;
  // Only joins and leaves matter for the count; skip re-rendering the room on every mute or speaker change.
  const participants = useParticipants({ updateOnlyOn: [] });
  const [panel, setPanel] = useState<Panel | null>(null);
  const chat = useMeetingChat({ code, self, open: panel === "chat" });
  const { mergedProps: startAudioProps } = useStartAudio({ props: { type: "button", className: styles.startAudio } });

  const role = useSelfRole(self.role);
  const settings = useRoomSettings();
  const { toasts, notify, dismiss } = useToasts();
  const notices = useControlNotices(notify);
  const managesLobby = can(role, "lobby.manage");
  const lobby = useLobbyRequests({ code, enabled: managesLobby, notify });
  const reactions = useReactions();
  const meeting = useMemo<MeetingContextValue>(() => ({ code, role, settings, notify }), [code, role, settings, notify]);
  const showLobby = managesLobby && (lobby.requests.length > 0 || settings.lobby !== "off" || lobby.error !== null);

  async function leave() {
    onLeaving();
    try {
      await room.disconnect();
    } catch (error) {
      console.error("[room] disconnecting failed; leaving anyway", error);
    }
    onLeave();
  }

  return (
    <MeetingContext.Provider value={meeting}>
      <div className={styles.room} data-testid="meeting-room" data-connection-state={connectionState} data-role={role}>
        <header className={styles.roomHeader}>
          <h1 className={styles.roomTitle}>{title}</h1>
          <span className={styles.roomCode}>{code}</span>
          {settings.locked && (
            <span className={styles.viewOnlyBadge} data-testid="locked-badge">
              <Icon name="lock" /> {t("meeting.room.locked")}
            </span>
          )}
          {!canPublish && <span className={styles.viewOnlyBadge}>{t("meeting.room.viewOnly")}</span>}
        </header>

        <ConnectionBanner state={connectionState} ending={ending} removal={notices.removal} onRejoin={onLeave} />
        {problem && <MediaNotice problem={problem} onDismiss={onDismissProblem} />}
        <Toasts toasts={toasts} onDismiss={dismiss} />
        {/* Shown by LiveKit only when the browser blocked autoplay of the other participants' audio. */}
        <button {...startAudioProps}>
          <Icon name="volume" />
          {t("meeting.room.allowAudio")}
        </button>

        <div className={styles.roomBody}>
          <main className={styles.stageArea}>
            <MeetingStage />
            <ReactionOverlay reactions={reactions} selfIdentity={self.identity} />
          </main>
          {panel === "chat" && (
            <ChatPanel chat={chat} selfIdentity={self.identity} canSend={can(role, "chat.send", settings)} onClose={() => setPanel(null)} />
          )}
          {panel === "participants" && <ParticipantList lobby={showLobby ? lobby : null} onClose={() => setPanel(null)} />}
        </div>

        <ControlBar
          canPublish={canPublish}
          panel={panel}
          onTogglePanel={(next) => setPanel((current) => (current === next ? null : next))}
          unread={chat.unread}
          participantCount={participants.length}
          lobbyCount={lobby.requests.length}
          onLeave={leave}
          onMediaFailure={onMediaFailure}
        />
        {notices.unmuteRequest && !ending && (
          <UnmuteRequestDialog request={notices.unmuteRequest} onDone={notices.dismissUnmuteRequest} onMediaFailure={onMediaFailure} />
        )}
      </div>
    </MeetingContext.Provider>
  );
}
