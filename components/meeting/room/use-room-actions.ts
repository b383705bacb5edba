import { useCallback, useMemo } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { HAND_ATTRIBUTE, handRaisedAt } from "@/lib/meetings/hands";
import { setHand } from "@/lib/meetings/meeting-api";
import { can } from "@/lib/meetings/permissions";
import type { MeetingChat } from "../chat/use-meeting-chat";
import { failureText } from "../failure-text";
import type { ToggleableSource } from "./media-toggle";
import { useMeeting } from "./meeting-context";

/** An action refused for a reason the person (or an embedding site) should hear about. */
export class RoomActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type RoomActions = {
  /** `enabled` omitted: toggle. Resolves once the track is (un)published. */
  setMedia: (source: ToggleableSource, enabled?: boolean) => Promise<void>;
  setHandRaised: (raised?: boolean) => Promise<void>;
  sendChat: (text: string) => void;
};

/**
 * What the control bar, keyboard shortcuts and the embed API can do in the room, with the same
 * permission checks the buttons follow (the server enforces them again).
 */
export function useRoomActions({ canPublish, chat }: { canPublish: boolean; chat: MeetingChat }): RoomActions {
  const t = useT();
  const { code, role, settings } = useMeeting();
  const { localParticipant } = useLocalParticipant();

  const setMedia = useCallback(
    async (source: ToggleableSource, enabled?: boolean) => {
      if (!canPublish) throw new RoomActionError("forbidden", t("shell.actions.notAllowed"));
      const current =
        source === Track.Source.Microphone
          ? localParticipant.isMicrophoneEnabled
          : source === Track.Source.Camera
            ? localParticipant.isCameraEnabled
            : localParticipant.isScreenShareEnabled;
      const next = enabled ?? !current;
      if (next === current) return;
      if (source === Track.Source.ScreenShare && next && !can(role, "screen_share.start", settings)) {
        throw new RoomActionError("forbidden", t("shell.actions.notAllowed"));
      }
      if (source === Track.Source.Microphone) await localParticipant.setMicrophoneEnabled(next);
      else if (source === Track.Source.Camera) await localParticipant.setCameraEnabled(next);
      else await localParticipant.setScreenShareEnabled(next, { audio: true, selfBrowserSurface: "exclude" });
    },
    [canPublish, localParticipant, role, settings, t],
  );

  const setHandRaised = useCallback(
    async (raised?: boolean) => {
      if (!can(role, "hand.raise")) throw new RoomActionError("forbidden", t("shell.actions.notAllowed"));
      const current = handRaisedAt(localParticipant.attributes[HAND_ATTRIBUTE]) !== null;
      const next = raised ?? !current;
      if (next === current) return;
      const result = await setHand(code, next);
      if (!result.ok) throw new RoomActionError(result.code ?? "request_failed", failureText(t, result));
    },
    [code, localParticipant, role, t],
  );

  const sendChat = useCallback(
    (text: string) => {
      if (!can(role, "chat.send", settings)) throw new RoomActionError("forbidden", t("shell.actions.notAllowed"));
      const check = chat.send(text);
      if (!check.ok) throw new RoomActionError("invalid_chat", t(check.reason === "empty" ? "shell.actions.chatEmpty" : "shell.actions.chatTooLong"));
    },
    [chat, role, settings, t],
  );

  return useMemo(() => ({ setMedia, setHandRaised, sendChat }), [setMedia, setHandRaised, sendChat]);
}
