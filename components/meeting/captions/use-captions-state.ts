import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLocale, useT } from "@/components/i18n/i18n-provider";
import type { AsrLanguage } from "@/lib/ai/asr-protocol";
import { hasHan, type ChineseConverter, type ChineseScript } from "@/lib/i18n/chinese-script";
import type { CaptionEntry } from "@/lib/meetings/caption-state";
import { localStorageOrNull } from "@/lib/local-storage";
import { setRoomCaptions } from "@/lib/meetings/captions-api";
import { can, type Role } from "@/lib/meetings/permissions";
import type { RoomSettings } from "@/lib/meetings/room-settings";
import { failureText } from "../failure-text";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import type { ToastTone } from "../room/use-toasts";
import { useCaptionPublisher, type PublisherStatus } from "./use-caption-publisher";
import { useRoomCaptions, type RoomCaptions } from "./use-captions";
import { useChineseScript } from "./use-chinese-script";
import type { VoiceFeed } from "../voice/use-local-voice";

export type SpeakerLanguage = AsrLanguage | "auto";
export const SPEAKER_LANGUAGES: readonly SpeakerLanguage[] = ["en", "zh", "auto"];

export type Captions = RoomCaptions & {
  /** Captions are on in the room (every speaker's device transcribes itself, or sends its speech to `madeOn`). */
  on: boolean;
  /** The transcription server the captions are made on (everyone is told), or null: on each speaker's device. */
  madeOn: string | null;
  /** The transcription server a host may choose for this meeting (null when none is offered or this person is no host). */
  serverChoice: { name: string; chosen: boolean } | null;
  /** This viewer shows the subtitles (a personal choice, remembered). */
  shown: boolean;
  /** What this person's own speech is transcribed as. */
  language: SpeakerLanguage;
  publisher: PublisherStatus | { state: "listen-only" };
  /** The script Chinese captions are shown in for this viewer (entries and live are already in it). */
  chineseScript: ChineseScript;
  setChineseScript: (script: ChineseScript) => void;
  canTurnOff: boolean;
  setShown: (shown: boolean) => void;
  setLanguage: (language: SpeakerLanguage) => void;
  /** Resolves false (after telling the person why) when the server refused. */
  turnOn: () => Promise<boolean>;
  turnOff: () => Promise<boolean>;
  /** Hosts: make the captions on the transcription server (true) or on each speaker's device. */
  chooseServer: (use: boolean) => Promise<boolean>;
};

const SHOWN_KEY = "parley.captions.shown";
const LANGUAGE_KEY = "parley.captions.language";

function readLanguage(fallback: SpeakerLanguage): SpeakerLanguage {
  const stored = localStorageOrNull()?.getItem(LANGUAGE_KEY);
  return SPEAKER_LANGUAGES.includes(stored as SpeakerLanguage) ? (stored as SpeakerLanguage) : fallback;
}

/** Live captions for the room: the switch, this viewer's choices, what arrives, and this device's own transcription. */
export function useCaptions({ code, role, settings, canPublish, notify, feed }: {
  code: string;
  role: Role;
  settings: RoomSettings;
  canPublish: boolean;
  notify: (text: string, tone?: ToastTone) => void;
  /** This device's voice detector, whose speech segments are transcribed. */
  feed: VoiceFeed | null;
}): Captions {
  const t = useT();
  const locale = useLocale();
  const on = settings.captions;
  const [shown, setShownState] = useState(true);
  // The language you speak is most likely the one you read the app in.
  const [language, setLanguageState] = useState<SpeakerLanguage>(locale === "zh-CN" ? "zh" : "en");
  useEffect(() => {
    setShownState(localStorageOrNull()?.getItem(SHOWN_KEY) !== "false");
    setLanguageState((current) => readLanguage(current));
  }, []);
  const setShown = useCallback((value: boolean) => {
    setShownState(value);
    localStorageOrNull()?.setItem(SHOWN_KEY, String(value));
  }, []);
  const setLanguage = useCallback((value: SpeakerLanguage) => {
    setLanguageState(value);
    localStorageOrNull()?.setItem(LANGUAGE_KEY, value);
  }, []);

  const speaks = canPublish && can(role, "captions.publish");
  // CAUTION: never the server in an end-to-end encrypted meeting (only those have a meeting key), whatever the metadata says.
  const encrypted = useMeetingKeyContext() !== null;
  const offered = encrypted ? null : settings.captionServer;
  const madeOn = on && settings.captionsServer ? offered : null;
  const room = useRoomCaptions({ code, enabled: on });
  // Stored and relayed as recognised; written in this viewer's script on display.
  const chinese = useChineseScript(useMemo(() => room.entries.some((e) => hasHan(e.text)), [room.entries]));
  const entries = useMemo(() => inScript(room.entries, chinese.convert), [room.entries, chinese.convert]);
  const live = useMemo(() => inScript(room.live, chinese.convert), [room.live, chinese.convert]);
  const publisher = useCaptionPublisher({ code, enabled: on && speaks, language, feed, server: madeOn });

  // Everyone is told when captions start and stop, and where they are made, as Meet and Zoom tell about recordings.
  const previous = useRef<{ on: boolean; madeOn: string | null } | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { on, madeOn };
    if (!before) return;
    if (before.on !== on) notify(on ? (madeOn ? t("captions.startedOnServer", { server: madeOn }) : t("captions.started")) : t("captions.stopped"));
    else if (on && before.madeOn !== madeOn) notify(madeOn ? t("captions.serverChosen", { server: madeOn }) : t("captions.deviceChosen"));
  }, [on, madeOn, notify, t]);

  const change = useCallback(
    async (request: { enabled?: boolean; server?: boolean }) => {
      const result = await setRoomCaptions(code, request);
      if (!result.ok) {
        console.warn("[captions] changing captions", request, "failed", result);
        notify(failureText(t, result), "error");
      }
      return result.ok;
    },
    [code, notify, t],
  );

  return {
    ...room,
    entries,
    live,
    chineseScript: chinese.script,
    setChineseScript: chinese.setScript,
    on,
    madeOn,
    serverChoice: offered && can(role, "captions.server") ? { name: offered, chosen: settings.captionsServer } : null,
    shown,
    language,
    publisher: speaks ? publisher : { state: "listen-only" },
    canTurnOff: can(role, "captions.stop"),
    setShown,
    setLanguage,
    turnOn: useCallback(async () => {
      setShown(true);
      return change({ enabled: true });
    }, [change, setShown]),
    turnOff: useCallback(() => change({ enabled: false }), [change]),
    chooseServer: useCallback((use: boolean) => change({ server: use }), [change]),
  };
}

function inScript(entries: CaptionEntry[], convert: ChineseConverter | null): CaptionEntry[] {
  return convert ? entries.map((e) => (hasHan(e.text) ? { ...e, text: convert(e.text) } : e)) : entries;
}
