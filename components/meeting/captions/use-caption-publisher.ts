import { useEffect, useRef, useState } from "react";
import type { AsrLanguage, AsrRequest, AsrResponse } from "@/lib/ai/asr-protocol";
import { captionAssetUrls } from "@/lib/ai/caption-models";
import type { ProviderChoice } from "@/lib/ai/provider";
import type { VadResponse } from "@/lib/ai/vad-protocol";
import { useRoomContext } from "@livekit/components-react";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import { VOICE_FINISH_MS, type VoiceFeed } from "../voice/use-local-voice";
import { createCaptionSender } from "./caption-sender";
import { startServerCaptions } from "./server-captioner";

export type ServerProblem = { status: number; code: string | null; message: string | null };

export type PublisherStatus =
  | { state: "off" }
  | { state: "loading"; loaded: number; total: number }
  | { state: "ready"; choice: ProviderChoice }
  | { state: "error"; message: string }
  /** Made on the meeting's transcription server (`name`); `problem`: the last segment failed. */
  | { state: "server"; name: string; problem: ServerProblem | null };

/**
 * Captions of this participant's own speech: the speech segments of its voice detector (useLocalVoice)
 * go to the ASR worker (Whisper, on this device), or, when a host chose it (`server`, the
 * transcription server's name), to that server through ours; the text then goes to our server,
 * which relays it to the room and stores the finals. The on-device recogniser lives while captions
 * are on and made here; it is not loaded at all while they are made on the server.
 */
export function useCaptionPublisher({ code, enabled, language, feed, server }: {
  code: string;
  enabled: boolean;
  language: AsrLanguage | "auto";
  feed: VoiceFeed | null;
  server: string | null;
}): PublisherStatus {
  const [status, setStatus] = useState<PublisherStatus>({ state: "off" });
  const [asr, setAsr] = useState<Worker | null>(null);
  const [serverProblem, setServerProblem] = useState<ServerProblem | null>(null);
  const textKey = useMeetingKeyContext()?.keys.text ?? null;
  // CAUTION: the meeting key exists only in an end-to-end encrypted meeting. Whatever the room
  // metadata says, such a meeting's speech is never sent to a transcription server.
  const encrypted = useMeetingKeyContext() !== null;
  const onServer = enabled && server !== null && !encrypted ? server : null;
  // The server relays and stores each caption under the identity this room connection has.
  const room = useRoomContext();
  const latest = useRef({ code, language, textKey, room, encrypted });
  useEffect(() => {
    latest.current = { code, language, textKey, room, encrypted };
  });

  // On the server: this device's finished speech segments go there, one at a time.
  useEffect(() => {
    if (!onServer || !feed) return;
    const sender = createCaptionSender(() => latest.current);
    const stop = startServerCaptions({ feed, context: () => latest.current, sender, onProblem: setServerProblem, finishMs: VOICE_FINISH_MS });
    return () => {
      stop();
      setServerProblem(null);
    };
  }, [onServer, feed]);

  // The recogniser: loaded when captions are on and the microphone first is (someone who never
  // unmutes downloads nothing), then kept while captions stay on; the model is cached after the first time.
  const [micUsed, setMicUsed] = useState(false);
  if (enabled && feed && !micUsed) setMicUsed(true);
  if (!enabled && micUsed) setMicUsed(false);
  const load = enabled && micUsed && !onServer;
  useEffect(() => {
    if (!load) return;
    const urls = captionAssetUrls(location.origin).asr;
    const worker = new Worker(urls.workerUrl, { type: "module", name: "parley-asr" });
    const onMessage = (event: MessageEvent<AsrResponse>) => {
      const m = event.data;
      if (m.type === "loading") setStatus({ state: "loading", loaded: m.loaded, total: m.total });
      else if (m.type === "ready") {
        setStatus({ state: "ready", choice: m.choice });
        setAsr(worker);
      } else if (m.type === "error" && !m.id) setStatus({ state: "error", message: m.message });
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", (event) => setStatus({ state: "error", message: event.message || "The speech recognition worker failed" }));
    setStatus({ state: "loading", loaded: 0, total: 0 });
    worker.postMessage({ type: "init", ortUrl: captionAssetUrls(location.origin).ortUrl, ...urls } satisfies AsrRequest);
    return () => {
      worker.terminate();
      setAsr(null);
      setStatus({ state: "off" });
    };
  }, [load]);

  // This device's voice activity → ASR → server, following the detector (a new one per microphone track).
  useEffect(() => {
    if (!asr || !feed) return;
    const vad = feed.worker;
    let current: { startMs: number; id: string } | null = null;
    const sender = createCaptionSender(() => latest.current);

    const segmentFor = (startMs: number) => {
      if (!current || current.startMs !== startMs) current = { startMs, id: crypto.randomUUID() };
      return current.id;
    };
    const timing = new Map<string, { startedAt: string; endedAt: string }>();
    const onVad = (event: MessageEvent<VadResponse>) => {
      const m = event.data;
      if (m.type !== "progress" && m.type !== "segment") return;
      const id = segmentFor(m.startMs);
      const origin = feed.origin();
      timing.set(id, { startedAt: new Date(origin + m.startMs).toISOString(), endedAt: new Date(origin + m.endMs).toISOString() });
      const final = m.type === "segment";
      if (final) current = null;
      // The detector's other listeners see the same message: the ASR worker gets a copy, not the buffer.
      const audio = m.audio.slice();
      asr.postMessage({ type: "transcribe", id, audio, language: latest.current.language, final } satisfies AsrRequest, [audio.buffer]);
    };
    const onAsr = (event: MessageEvent<AsrResponse>) => {
      const m = event.data;
      const times = "id" in m && m.id ? timing.get(m.id) : undefined;
      if (!times || !("id" in m) || !m.id) return;
      if (m.type === "partial") sender.partial({ segmentId: m.id, final: false, language: asrLanguage(latest.current.language), ...times, text: m.text });
      else if (m.type === "result") {
        // The worker already dropped what is noise, not words ("(music)", sign-offs): empty means nothing was said.
        if (m.final) timing.delete(m.id);
        console.debug(`[captions] ${m.final ? "final" : "partial"} of ${m.audioSeconds.toFixed(1)} s: ${m.text.length} characters, no-speech ${m.noSpeechProb.toFixed(2)}`);
        if (m.text) (m.final ? sender.final : sender.partial)({ segmentId: m.id, final: m.final, language: m.language, ...times, text: m.text });
      } else if (m.type === "error") console.warn("[captions] speech recognition failed for a segment", m.message);
    };
    vad.addEventListener("message", onVad);
    asr.addEventListener("message", onAsr);
    console.info("[captions] captioning this microphone");

    return () => {
      // What was being said when the microphone went away still gets its final caption: the
      // detector closes the segment (useLocalVoice), and this pipeline's results are handled for a while.
      setTimeout(() => {
        vad.removeEventListener("message", onVad);
        asr.removeEventListener("message", onAsr);
      }, VOICE_FINISH_MS);
    };
  }, [asr, feed]);

  return onServer ? { state: "server", name: onServer, problem: serverProblem } : status;
}

function asrLanguage(language: AsrLanguage | "auto"): AsrLanguage {
  return language === "auto" ? "en" : language;
}
