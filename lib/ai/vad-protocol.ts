/**
 * Messages between the page and the voice-activity worker (workers/browser/vad.worker.ts).
 * Audio goes in at the microphone's rate (transferred, not copied); the worker resamples to 16 kHz,
 * scores 32 ms frames with Silero VAD and reports speech segments with their 16 kHz audio.
 */
import type { VadOptions } from "../audio/vad-segmenter";
import type { Provider, ProviderChoice } from "./provider";

export type VadRequest =
  /**
   * `progressMs`: while someone speaks, also hand out the segment so far this often (for partial
   * captions). `segmenter`: the segmenter's rules instead of its defaults. `postRollMs`: audio kept
   * after each segment's end. `bridgeMs`: a segment starting within this of the previous one's end
 * starts where that one ended (a soft word between them is not lost). `minFinalMs`: a shorter
 * segment waits up to `bridgeMs` for more speech and is joined to it.
   */
  | {
      type: "init";
      modelUrl: string;
      ortUrl: string;
      inputRate: number;
      allowed: Provider[];
      force?: Provider;
      progressMs?: number;
      segmenter?: Partial<VadOptions>;
      postRollMs?: number;
      bridgeMs?: number;
      minFinalMs?: number;
    }
  | { type: "audio"; samples: Float32Array }
  | { type: "flush" }
  /** Benchmark: score `frames` frames of the reference signal, report ms per frame. */
  | { type: "bench"; frames: number };

export type VadResponse =
  | { type: "ready"; choice: ProviderChoice; loadMs: number }
  | { type: "speaking"; speaking: boolean; probability: number }
  | { type: "segment"; startMs: number; endMs: number; cut: boolean; audio: Float32Array }
  /** The segment still being spoken, from its start to now (only with `progressMs`). */
  | { type: "progress"; startMs: number; endMs: number; audio: Float32Array }
  | { type: "bench"; provider: Provider; frames: number; msPerFrame: number }
  | { type: "error"; message: string };
