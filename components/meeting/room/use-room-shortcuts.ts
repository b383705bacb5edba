import { useEffect, useRef } from "react";
import { Track } from "livekit-client";
import { shortcutFor, type ShortcutAction } from "@/lib/meetings/shortcuts";
import type { Panel } from "./control-bar";
import type { RoomActions } from "./use-room-actions";

type Options = {
  actions: RoomActions;
  onTogglePanel: (panel: Panel) => void;
  onHelp: () => void;
  onError: (error: unknown) => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Room keyboard shortcuts (lib/meetings/shortcuts.ts), live while the room is shown. */
export function useRoomShortcuts(options: Options) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const run: Record<ShortcutAction, () => unknown> = {
      mic: () => latest.current.actions.setMedia(Track.Source.Microphone),
      camera: () => latest.current.actions.setMedia(Track.Source.Camera),
      hand: () => latest.current.actions.setHandRaised(),
      chat: () => latest.current.onTogglePanel("chat"),
      participants: () => latest.current.onTogglePanel("participants"),
      help: () => latest.current.onHelp(),
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.defaultPrevented) return;
      const { key, code, ctrlKey, metaKey, altKey, shiftKey } = event;
      const action = shortcutFor({ key, code, ctrlKey, metaKey, altKey, shiftKey, typing: isTyping(event.target) });
      if (!action) return;
      // Ctrl+D (bookmark) and Ctrl+E (search) belong to the meeting while it is open, as in Meet.
      event.preventDefault();
      Promise.resolve()
        .then(run[action])
        .catch((error: unknown) => latest.current.onError(error));
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
