import { useEffect, useRef, useState } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import { TrackEvent } from "livekit-client";
import type { AsrLanguage, AsrRequest, AsrResponse } from "@/lib/ai/asr-protocol";
import { captionAssetUrls } from "@/lib/ai/caption-models";
import type { ProviderChoice } from "@/lib/ai/provider";
import type { VadRequest, VadResponse } from "@/lib/ai/vad-protocol";
import { encryptText } from "@/lib/e2ee";
import { postCaption } from "@/lib/meetings/captions-api";
import type { PostCaptionRequest } from "@/lib/meetings/captions";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";

export type PublisherStatus =
  | { state: "off" }
  | { state: "loading"; loaded: number; total: number }
  | { state: "ready"; choice: ProviderChoice }
  | { state: "error"; message: string };

/** Partial results are sent at most this often; finals at once. */
const PARTIAL_POST_MS = 700;
/** How long a stopped pipeline still finishes its last segment. */
const FINISH_MS = 30_000;

/**
 * Captions of this participant's own speech, made on this device: the microphone's samples go
 * through an AudioWorklet tap to the VAD worker (Silero), its speech segments to the ASR worker
 * (Whisper), and the text to the server, which relays it to the room and stores the finals. The
 * workers live while captions are on; the audio graph follows the microphone track.
 */
export function useCaptionPublisher({ code, enabled, language }: { code: string; enabled: boolean; language: AsrLanguage | "auto" }): PublisherStatus {
  const [status, setStatus] = useState<PublisherStatus>({ state: "off" });
  const { microphoneTrack, isMicrophoneEnabled } = useLocalParticipant();
  const localTrack = microphoneTrack?.track;
  // Restarting a track (another device, noise suppression switched) swaps its MediaStreamTrack
  // without a new publication: render again so the pipeline follows the new one.
  const [, setRestarts] = useState(0);
  useEffect(() => {
    if (!localTrack) return;
    const bump = () => setRestarts((n) => n + 1);
    localTrack.on(TrackEvent.Restarted, bump);
    return () => void localTrack.off(TrackEvent.Restarted, bump);
  }, [localTrack]);
  const mediaTrack = isMicrophoneEnabled ? (localTrack?.mediaStreamTrack ?? null) : null;
  const [asr, setAsr] = useState<Worker | null>(null);
  const textKey = useMeetingKeyContext()?.keys.text ?? null;
  const latest = useRef({ code, language, textKey });
  useEffect(() => {
    latest.current = { code, language, textKey };
  });

  // The recogniser: loaded when captions are on and the microphone first is (someone who never
  // unmutes downloads nothing), then kept while captions stay on; the model is cached after the first time.
  const [micUsed, setMicUsed] = useState(false);
  if (enabled && mediaTrack && !micUsed) setMicUsed(true);
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

  // The microphone → VAD → ASR → server pipeline, rebuilt whenever the microphone track changes.
  useEffect(() => {
    if (!asr || !mediaTrack) return;
    const urls = captionAssetUrls(location.origin);
    const context = new AudioContext();
    const vad = new Worker(urls.vad.workerUrl, { type: "module", name: "parley-vad" });
    let disposed = false;
    let origin = 0; // wall-clock time of the first sample the VAD worker saw
    let current: { startMs: number; id: string } | null = null;
    const sender = createCaptionSender(() => latest.current);

    const segmentFor = (startMs: number) => {
      if (!current || current.startMs !== startMs) current = { startMs, id: crypto.randomUUID() };
      return current.id;
    };
    const timing = new Map<string, { startedAt: string; endedAt: string }>();
    const onVad = (event: MessageEvent<VadResponse>) => {
      const m = event.data;
      if (m.type === "progress" || m.type === "segment") {
        const id = segmentFor(m.startMs);
        timing.set(id, { startedAt: new Date(origin + m.startMs).toISOString(), endedAt: new Date(origin + m.endMs).toISOString() });
        const final = m.type === "segment";
        if (final) current = null;
        asr.postMessage({ type: "transcribe", id, audio: m.audio, language: latest.current.language, final } satisfies AsrRequest, [m.audio.buffer]);
      } else if (m.type === "ready") console.debug("[captions] voice activity detection ready on", m.choice.provider);
      else if (m.type === "error") console.warn("[captions] voice activity detection failed", m.message);
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

    void (async () => {
      await context.audioWorklet.addModule(urls.tapUrl);
      if (disposed) return;
      vad.postMessage({ type: "init", ...urls.vad.init, inputRate: context.sampleRate } satisfies VadRequest);
      const source = context.createMediaStreamSource(new MediaStream([mediaTrack]));
      // Connected to the destination (it outputs silence): browsers only render nodes the output pulls on.
      const tap = new AudioWorkletNode(context, "parley-pcm-tap", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
      tap.port.onmessage = (event: MessageEvent<{ type: string; samples?: Float32Array }>) => {
        if (event.data.type !== "audio" || !event.data.samples) return;
        const samples = event.data.samples;
        if (!origin) {
          origin = Date.now() - (samples.length / context.sampleRate) * 1000;
          console.debug(`[captions] first microphone samples, peak ${Math.max(...samples.map(Math.abs)).toFixed(3)}`);
        }
        vad.postMessage({ type: "audio", samples } satisfies VadRequest, [samples.buffer]);
      };
      source.connect(tap).connect(context.destination);
      console.info(`[captions] listening to the microphone at ${context.sampleRate} Hz`);
      // Autoplay rules can leave a new context suspended until the page has been clicked; joining was a click.
      if (context.state === "suspended") await context.resume();
    })().catch((error: unknown) => console.error("[captions] could not start listening to the microphone", error));

    return () => {
      disposed = true;
      void context.close();
      // What was being said when the microphone went away still gets its final caption: the VAD
      // closes the segment, and this pipeline's results are still handled for a while.
      vad.postMessage({ type: "flush" } satisfies VadRequest);
      setTimeout(() => {
        vad.terminate();
        asr.removeEventListener("message", onAsr);
      }, FINISH_MS);
    };
  }, [asr, mediaTrack]);

  return status;
}

function asrLanguage(language: AsrLanguage | "auto"): AsrLanguage {
  return language === "auto" ? "en" : language;
}

type Latest = { code: string; textKey: CryptoKey | null };

/**
 * Posts captions: partials throttled and only the newest kept (a lost partial is replaced by the
 * next one), finals each retried with the same segment id until stored (the server stores once).
 */
function createCaptionSender(latest: () => Latest) {
  let lastPartialAt = 0;
  let waiting: PostCaptionRequest | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function send(caption: PostCaptionRequest) {
    const { code, textKey } = latest();
    const body = textKey ? { ...caption, text: await encryptText(textKey, caption.text, code) } : caption;
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
