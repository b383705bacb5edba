import { useEffect, useRef } from "react";
import { useConnectionState, useLocalParticipant, useParticipantAttribute, useRoomContext } from "@livekit/components-react";
import { ConnectionState, RoomEvent, Track, type Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { EmbedCommand, EmbedEvent } from "@/lib/embed-sdk/protocol";
import { HAND_ATTRIBUTE, handRaisedAt } from "@/lib/meetings/hands";
import type { Captions } from "@/components/meeting/captions/use-captions-state";
import type { MeetingChat } from "@/components/meeting/chat/use-meeting-chat";
import { RoomActionError, type RoomActions } from "@/components/meeting/room/use-room-actions";

export type EmbedRoomHandler = (command: EmbedCommand) => Promise<void>;

/** The embed page's end of the room: where events go, and where the room plugs in its command handler. */
export type EmbedLink = {
  emit: (event: EmbedEvent) => void;
  setRoomHandler: (handler: EmbedRoomHandler | null) => void;
};

type Deps = { actions: RoomActions; chat: MeetingChat; captions: Captions; self: { identity: string; name: string }; leave: () => Promise<void> };

const asParticipant = (p: Participant) => ({ identity: p.identity, name: p.name || p.identity });

/**
 * Inside the connected room of an embedded meeting: runs the embedding site's commands with the
 * same actions (and permission checks) as the buttons, and reports what happens as events.
 * Does nothing when `link` is null (a meeting opened directly).
 */
export function useEmbedRoomBridge(link: EmbedLink | null, deps: Deps) {
  const t = useT();
  const room = useRoomContext();
  const connectionState = useConnectionState();
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled, isScreenShareEnabled } = useLocalParticipant();
  const handRaised = handRaisedAt(useParticipantAttribute(HAND_ATTRIBUTE, { participant: localParticipant })) !== null;
  const latest = useRef(deps);
  useEffect(() => {
    latest.current = deps;
  });

  // Commands.
  useEffect(() => {
    if (!link) return;
    link.setRoomHandler(async (command) => {
      const { actions, captions, leave } = latest.current;
      switch (command.command) {
        case "toggleMic":
          return actions.setMedia(Track.Source.Microphone, command.enabled);
        case "toggleCamera":
          return actions.setMedia(Track.Source.Camera, command.enabled);
        case "toggleScreenShare":
          return actions.setMedia(Track.Source.ScreenShare, command.enabled);
        case "raiseHand":
          return actions.setHandRaised(command.raised);
        case "sendChat":
          return actions.sendChat(command.text);
        case "leave":
          return leave();
        case "join":
          throw new RoomActionError("already_joined", t("shell.actions.alreadyJoined"));
        case "setDisplayName":
          throw new RoomActionError("in_meeting", t("shell.actions.nameInMeeting"));
        // As the CC button: starting turns captions on for the room if needed and shows them here;
        // stopping hides them here (only a host's own button turns them off for everyone).
        case "startCaptions":
          if (!captions.on && !(await captions.turnOn())) throw new RoomActionError("captions_unavailable", t("shell.actions.captionsUnavailable"));
          return captions.setShown(true);
        case "stopCaptions":
          return captions.setShown(false);
      }
    });
    return () => link.setRoomHandler(null);
  }, [link, t]);

  // Events: joined once connected, then participants, own media, hand and chat as they change.
  const connected = connectionState === ConnectionState.Connected;
  useEffect(() => {
    if (!link || !connected) return;
    link.emit({ event: "joined", participant: { identity: latest.current.self.identity, name: latest.current.self.name } });
    // Those already here are announced like later arrivals, so the site's list starts complete.
    for (const p of room.remoteParticipants.values()) link.emit({ event: "participantJoined", participant: asParticipant(p) });
  }, [link, connected, room]);

  useEffect(() => {
    if (!link) return;
    const joined = (p: Participant) => link.emit({ event: "participantJoined", participant: asParticipant(p) });
    const left = (p: Participant) => link.emit({ event: "participantLeft", participant: asParticipant(p) });
    room.on(RoomEvent.ParticipantConnected, joined).on(RoomEvent.ParticipantDisconnected, left);
    return () => {
      room.off(RoomEvent.ParticipantConnected, joined).off(RoomEvent.ParticipantDisconnected, left);
    };
  }, [link, room]);

  useEmitOnChange(link, connected, isMicrophoneEnabled, (enabled) => ({ event: "micChanged", enabled }));
  useEmitOnChange(link, connected, isCameraEnabled, (enabled) => ({ event: "cameraChanged", enabled }));
  useEmitOnChange(link, connected, isScreenShareEnabled, (enabled) => ({ event: "screenShareChanged", enabled }));
  useEmitOnChange(link, connected, handRaised, (raised) => ({ event: "handChanged", raised }));
  useEmitOnChange(link, connected, deps.captions.on && deps.captions.shown, (enabled) => ({ event: "captionsChanged", enabled }));

  // Chat from other people, live (not the history loaded on joining, nor our own messages): what is
  // there once the history has loaded counts as already seen.
  const reported = useRef<Set<string> | null>(null);
  const { messages, history } = deps.chat;
  useEffect(() => {
    if (!link || history === "loading") return;
    if (!reported.current) {
      reported.current = new Set(messages.map((m) => m.clientId));
      return;
    }
    for (const m of messages) {
      if (reported.current.has(m.clientId) || m.status !== "sent") continue;
      reported.current.add(m.clientId);
      if (m.senderIdentity === latest.current.self.identity) continue;
      link.emit({
        event: "chatReceived",
        message: { id: m.clientId, from: { identity: m.senderIdentity, name: m.senderName }, text: m.body, sentAt: m.sentAt },
      });
    }
  }, [link, messages, history]);
}

/** Emits the event whenever `value` changes while connected (and once on connecting). */
function useEmitOnChange<T>(link: EmbedLink | null, connected: boolean, value: T, toEvent: (value: T) => EmbedEvent) {
  const toEventRef = useRef(toEvent);
  useEffect(() => {
    toEventRef.current = toEvent;
  });
  useEffect(() => {
    if (link && connected) link.emit(toEventRef.current(value));
  }, [link, connected, value]);
}
