import { useEffect, useRef, useState } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import { TrackEvent } from "livekit-client";
import { captionAssetUrls } from "@/lib/ai/caption-models";
import type { VadRequest, VadResponse } from "@/lib/ai/vad-protocol";
import { createVoiceSender } from "@/lib/meetings/voice-activity";
import { postVoice } from "@/lib/meetings/voice-api";

/**
 * This device's voice-activity detector, shared by the speaking indicator and the captions: the
 * VAD worker's messages, and the wall-clock time of the first sample it saw (its times count from there).
 */
export type VoiceFeed = { worker: Worker; origin: () => number };

/** The running detector; null while the microphone is off, or the detector loads or failed. */
export type LocalVoice = { feed: VoiceFeed | null };

/** A torn-down detector still finishes what was being said, so a caption of it can follow. */
export const VOICE_FINISH_MS = 30_000;

/**
 * Voice activity on this participant's own microphone, while it is on: the microphone's samples go
 * through an AudioWorklet tap to the VAD worker (Silero). Each start and stop of speech is posted
 * to the server for everyone's speaking indicator (lib/meetings/voice-activity.ts). The audio graph follows the microphone track.
 */
export function useLocalVoice({ code, enabled }: { code: string; enabled: boolean }): LocalVoice {
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
  const mediaTrack = enabled && isMicrophoneEnabled ? (localTrack?.mediaStreamTrack ?? null) : null;
  const [feed, setFeed] = useState<VoiceFeed | null>(null);
  const codeRef = useRef(code);
  useEffect(() => {
    codeRef.current = code;
  });

  useEffect(() => {
    if (!mediaTrack) return;
    const urls = captionAssetUrls(location.origin);
    const context = new AudioContext();
    const worker = new Worker(urls.vad.workerUrl, { type: "module", name: "parley-vad" });
    let disposed = false;
    let origin = 0;
    const sender = createVoiceSender(async (value) => postVoice(codeRef.current, value));
    const onMessage = (event: MessageEvent<VadResponse>) => {
      const m = event.data;
      if (m.type === "speaking" && !disposed) sender.set(m.speaking);
      else if (m.type === "ready") {
        console.debug("[voice] voice activity detection ready on", m.choice.provider);
        if (disposed) return;
        // From now on this device's detector, not the SFU's audio level, says when we speak.
        sender.set(false);
        setFeed({ worker, origin: () => origin });
      } else if (m.type === "error") console.warn("[voice] voice activity detection failed", m.message);
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", (event) => console.warn("[voice] the voice activity worker failed", event.message));

    void (async () => {
      await context.audioWorklet.addModule(urls.tapUrl);
      if (disposed) return;
      worker.postMessage({ type: "init", ...urls.vad.init, inputRate: context.sampleRate } satisfies VadRequest);
      const source = context.createMediaStreamSource(new MediaStream([mediaTrack]));
      // Connected to the destination (it outputs silence): browsers only render nodes the output pulls on.
      const tap = new AudioWorkletNode(context, "parley-pcm-tap", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
      tap.port.onmessage = (event: MessageEvent<{ type: string; samples?: Float32Array }>) => {
        if (event.data.type !== "audio" || !event.data.samples) return;
        const samples = event.data.samples;
        if (!origin) {
          origin = Date.now() - (samples.length / context.sampleRate) * 1000;
          console.debug(`[voice] first microphone samples, peak ${Math.max(...samples.map(Math.abs)).toFixed(3)}`);
        }
        worker.postMessage({ type: "audio", samples } satisfies VadRequest, [samples.buffer]);
      };
      source.connect(tap).connect(context.destination);
      console.info(`[voice] listening to the microphone at ${context.sampleRate} Hz`);
      // Autoplay rules can leave a new context suspended until the page has been clicked; joining was a click.
      if (context.state === "suspended") await context.resume();
    })().catch((error: unknown) => console.error("[voice] could not start listening to the microphone", error));

    return () => {
      disposed = true;
      void context.close();
      sender.dispose(false);
      setFeed(null);
      // What was being said when the microphone went away is closed as a segment for its caption.
      worker.postMessage({ type: "flush" } satisfies VadRequest);
      setTimeout(() => worker.terminate(), VOICE_FINISH_MS);
    };
  }, [mediaTrack]);

  return { feed };
}
