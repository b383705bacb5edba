"use client";

import { useMemo, useState } from "react";
import { useConnectionState, useLocalParticipantPermissions, useParticipants, useRoomContext, useStartAudio } from "@livekit/components-react";
import { useEmbedRoomBridge, type EmbedLink } from "@/components/embed/use-embed-room-bridge";
import { useT } from "@/components/i18n/i18n-provider";
import type { ParticipantRole } from "@/lib/meetings/participant-info";
import { can } from "@/lib/meetings/permissions";
import styles from "../meeting.module.css";
import { CaptionsOverlay } from "../captions/captions-overlay";
import { chineseLangTag } from "@/lib/i18n/chinese-script";
import { TranscriptPanel } from "../captions/transcript-panel";
import { useCaptions, type Captions } from "../captions/use-captions-state";
import { ChatPanel } from "../chat/chat-panel";
import { E2eeBadge } from "../e2ee/e2ee-badge";
import { useMeetingChat, type MeetingChat } from "../chat/use-meeting-chat";
import { ConnectionBanner, type RoomEnding } from "./connection-banner";
import { ControlBar, type Panel } from "./control-bar";
import { Icon } from "./icons";
import { MediaNotice, type MediaProblem } from "./media-notice";
import type { ToggleableSource } from "./media-toggle";
import { MeetingContext, useMeeting, type MeetingContextValue } from "./meeting-context";
import { MeetingStage } from "./meeting-stage";
import { ParticipantList } from "./participant-list";
import { ReactionOverlay } from "./reaction-overlay";
import { Toasts } from "./toasts";
import { UnmuteRequestDialog } from "./unmute-request-dialog";
import { useControlNotices } from "./use-control-notices";
import { useLobbyRequests } from "./use-lobby-requests";
import { useReactions } from "./use-reactions";
import { RecorderStatus } from "./record-control";
import { useRecorder } from "./use-recorder";
import { useRecordingNotice } from "./use-recording-notice";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useRoomActions } from "./use-room-actions";
import { useRoomShortcuts } from "./use-room-shortcuts";
import { useRoomSettings, useSelfRole } from "./use-room-state";
import { useToasts } from "./use-toasts";
import { useLocalVoice } from "../voice/use-local-voice";

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
  /** Set when the meeting runs inside another site's iframe (/embed/[code]): commands in, events out. */
  embed?: EmbedLink;
};

/** Everything inside the connected room: header, stage, side panel, control bar and status overlays. */
export function RoomView({ code, title, self, ending, problem, onMediaFailure, onDismissProblem, onLeaving, onLeave, embed }: Props) {
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
  const notices = useControlNotices(code, notify);
  useRecordingNotice(settings.recording, notify);
  const recorder = useRecorder({ code, notify });
  const managesLobby = can(role, "lobby.manage");
  const lobby = useLobbyRequests({ code, enabled: managesLobby, notify });
  const reactions = useReactions();
  const speaks = canPublish && can(role, "media.publish");
  const voice = useLocalVoice({ code, enabled: speaks });
  const captions = useCaptions({ code, role, settings, canPublish, notify, feed: voice.feed });
  const meeting = useMemo<MeetingContextValue>(() => ({ code, role, settings, notify }), [code, role, settings, notify]);
  const showLobby = managesLobby && (lobby.requests.length > 0 || settings.lobby !== "off" || lobby.error !== null);
  const [helpOpen, setHelpOpen] = useState(false);
  const togglePanel = (next: Panel) => setPanel((current) => (current === next ? null : next));

  async function leave() {
    if (recorder.isRecording) {
      // Upload what is still in memory first (at most a few seconds); the server keeps the rest anyway.
      notify(t("recordings.leaveWhileRecording"));
      await Promise.race([recorder.stop({ thenProcess: false }), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    }
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
      <RoomBehaviour
        canPublish={canPublish}
        chat={chat}
        captions={captions}
        self={self}
        embed={embed}
        onTogglePanel={togglePanel}
        onHelp={() => setHelpOpen(true)}
        onLeave={leave}
      />
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
          <E2eeBadge notify={notify} />
          {settings.recording && (
            <span className={styles.recordingBadge} role="img" aria-label={t("shell.recording.label")} title={t("shell.recording.label")} data-testid="recording-badge">
              <span className={styles.recordingDot} aria-hidden="true" />
              {t("shell.recording.badge")}
            </span>
          )}
          <RecorderStatus recorder={recorder} />
          <button type="button" className={styles.headerButton} aria-label={t("shell.shortcuts.open")} title={t("shell.shortcuts.open")} onClick={() => setHelpOpen(true)}>
            <Icon name="keyboard" />
          </button>
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
          <main id="main" className={styles.stageArea}>
            <MeetingStage />
            <ReactionOverlay reactions={reactions} selfIdentity={self.identity} />
            {captions.on && captions.shown && captions.live.length > 0 && <CaptionsOverlay lines={captions.live} chineseLang={chineseLangTag(captions.chineseScript)} madeOn={captions.madeOn} />}
          </main>
          {panel === "chat" && (
            <ChatPanel chat={chat} selfIdentity={self.identity} canSend={can(role, "chat.send", settings)} onClose={() => setPanel(null)} />
          )}
          {panel === "participants" && <ParticipantList lobby={showLobby ? lobby : null} onClose={() => setPanel(null)} />}
          {panel === "transcript" && <TranscriptPanel code={code} captions={captions} onClose={() => setPanel(null)} />}
        </div>

        <ControlBar
          canPublish={canPublish}
          panel={panel}
          onTogglePanel={togglePanel}
          unread={chat.unread}
          participantCount={participants.length}
          lobbyCount={lobby.requests.length}
          recorder={recorder}
          captions={captions}
          onLeave={leave}
          onMediaFailure={onMediaFailure}
        />
        {notices.unmuteRequest && !ending && (
          <UnmuteRequestDialog request={notices.unmuteRequest} onDone={notices.dismissUnmuteRequest} onMediaFailure={onMediaFailure} />
        )}
        {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
      </div>
    </MeetingContext.Provider>
  );
}

type BehaviourProps = {
  canPublish: boolean;
  chat: MeetingChat;
  captions: Captions;
  self: RoomSelf;
  embed: EmbedLink | undefined;
  onTogglePanel: (panel: Panel) => void;
  onHelp: () => void;
  onLeave: () => Promise<void>;
};

/**
 * Keyboard shortcuts and the embed API: two more ways to act in the room, with the same actions and
 * permission checks as the buttons. Needs the meeting context, so it renders inside the provider.
 */
function RoomBehaviour({ canPublish, chat, captions, self, embed, onTogglePanel, onHelp, onLeave }: BehaviourProps) {
  const t = useT();
  const { notify } = useMeeting();
  const actions = useRoomActions({ canPublish, chat });
  useRoomShortcuts({
    actions,
    onTogglePanel,
    onHelp,
    onError: (error) => notify(error instanceof Error && error.message ? error.message : t("common.error"), "error"),
  });
  useEmbedRoomBridge(embed ?? null, { actions, chat, captions, self, leave: onLeave });
  return null;
}
