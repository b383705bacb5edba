import { useEffect, useRef, useState } from "react";
import type { AsrLanguage, AsrRequest, AsrResponse } from "@/lib/ai/asr-protocol";
import { captionAssetUrls } from "@/lib/ai/caption-models";
import type { ProviderChoice } from "@/lib/ai/provider";
import type { VadRequest, VadResponse } from "@/lib/ai/vad-protocol";
import { sealMessage } from "@/lib/e2ee";
import { postCaption } from "@/lib/meetings/captions-api";
import type { PostCaptionRequest } from "@/lib/meetings/captions";
import { useRoomContext } from "@livekit/components-react";
import type { Room } from "livekit-client";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import { VOICE_FINISH_MS, type VoiceFeed } from "../voice/use-local-voice";

export type PublisherStatus =
  | { state: "off" }
  | { state: "loading"; loaded: number; total: number }
  | { state: "ready"; choice: ProviderChoice }
  | { state: "error"; message: string };

/** Partial results are sent at most this often; finals at once. */
const PARTIAL_POST_MS = 700;

/**
 * Captions of this participant's own speech, made on this device: the speech segments of its voice
 * detector (useLocalVoice) go to the ASR worker (Whisper), and the text to the server, which relays
 * it to the room and stores the finals. The recogniser lives while captions are on.
 */
export function useCaptionPublisher({ code, enabled, language, feed }: { code: string; enabled: boolean; language: AsrLanguage | "auto"; feed: VoiceFeed | null }): PublisherStatus {
  const [status, setStatus] = useState<PublisherStatus>({ state: "off" });
  const [asr, setAsr] = useState<Worker | null>(null);
  const textKey = useMeetingKeyContext()?.keys.text ?? null;
  // The server relays and stores each caption under the identity this room connection has.
  const room = useRoomContext();
  const latest = useRef({ code, language, textKey, room });
  useEffect(() => {
    latest.current = { code, language, textKey, room };
  });

  // The recogniser: loaded when captions are on and the microphone first is (someone who never
  // unmutes downloads nothing), then kept while captions stay on; the model is cached after the first time.
  const [micUsed, setMicUsed] = useState(false);
  if (enabled && feed && !micUsed) setMicUsed(true);
  if (!enabled && micUsed) setMicUsed(false);
  const load = enabled && micUsed;
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

  return status;
}

function asrLanguage(language: AsrLanguage | "auto"): AsrLanguage {
  return language === "auto" ? "en" : language;
}

type Latest = { code: string; textKey: CryptoKey | null; room: Room };

/**
 * Posts captions: partials throttled and only the newest kept (a lost partial is replaced by the
 * next one), finals each retried with the same segment id until stored (the server stores once).
 */
function createCaptionSender(latest: () => Latest) {
  let lastPartialAt = 0;
  let waiting: PostCaptionRequest | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function send(caption: PostCaptionRequest) {
    const { code, textKey, room } = latest();
    // Bound to the identity the server will attribute it to (this connection's), read when it goes out.
    const binding = { kind: "caption", meetingCode: code, senderIdentity: room.localParticipant.identity, messageId: caption.segmentId } as const;
    if (textKey && !binding.senderIdentity) return { ok: false as const, status: 0, code: "not_connected", message: "Not connected to the room yet" };
    const body = textKey ? { ...caption, text: await sealMessage(textKey, caption.text, binding) } : caption;
    return postCaption(code, body);
  }

  function flushPartial() {
    timer = null;
    const next = waiting;
    waiting = null;
    if (!next) return;
    lastPartialAt = Date.now();
    void send(next).then((result) => {
      if (!result.ok && result.status !== 409) console.warn("[captions] a partial caption was not relayed", result);
    });
  }

  return {
    partial(caption: PostCaptionRequest) {
      waiting = caption;
      if (timer) return;
      timer = setTimeout(flushPartial, Math.max(0, lastPartialAt + PARTIAL_POST_MS - Date.now()));
    },
    final(caption: PostCaptionRequest) {
      if (waiting?.segmentId === caption.segmentId) waiting = null;
      void (async () => {
        for (let attempt = 0; attempt < 6; attempt++) {
          const result = await send(caption);
          if (result.ok) return;
          const transient = result.status === 0 || result.status === 408 || result.status === 429 || result.status >= 500;
          if (!transient) return console.warn("[captions] the server refused a caption", result);
          await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
        }
        console.error("[captions] a caption could not be stored after retries", caption.segmentId);
      })();
    },
  };
}
