/**
 * What the page, the DTLN AudioWorklet (workers/browser/dtln.worklet.ts) and the DTLN worker
 * (workers/browser/dtln.worker.ts) say to each other. Both are bundled by scripts/build-workers.ts.
 *
 *   microphone ─▶ worklet (48 kHz) ── 16 kHz hops (MessagePort) ──▶ worker (DTLN on onnxruntime-web)
 *   LiveKit   ◀── worklet (48 kHz) ◀── denoised hops (MessagePort) ──┘
 *
 * The page makes a MessageChannel and hands one end to each; audio never goes through the page.
 */
export const DTLN_WORKLET_PATH = "/workers/dtln.worklet.js";
export const DTLN_WORKER_PATH = "/workers/dtln.worker.js";
export const DTLN_PROCESSOR_NAME = "parley-dtln";
/** The worklet runs at 48 kHz (as RNNoise does); DTLN at 16 kHz, a 512-sample block every 128 samples. */
export const DTLN_CONTEXT_RATE = 48_000;
export const DTLN_RATE = 16_000;
export const DTLN_BLOCK = 512;
export const DTLN_HOP = 128;
/** DTLN's overlap-add finishes a hop three hops after it came in: output hop h is input hop h − 3. */
export const DTLN_DELAY_HOPS = (DTLN_BLOCK - DTLN_HOP) / DTLN_HOP;
/**
 * Render quanta the worklet waits for a hop to come back before it passes the input through
 * instead (an underrun). It must cover the worker's time per hop and the audio thread's bursts:
 * Chromium renders a device buffer (10–20 ms, 4–8 quanta) in one go and only then reads messages.
 */
export const DTLN_DEFAULT_WAIT_QUANTA = 12;

/** What the worker needs to run one of the two ONNX files: its URL and its tensor names (models/manifest.json). */
export type DtlnModelFile = { url: string; input: string; states: string; output: string; statesOut: string };

export type DtlnWorkletOptions = { waitQuanta?: number };

/** Page → worklet ("stats": the counts now, not at the next second). */
export type DtlnWorkletRequest = { type: "connect"; port: MessagePort } | { type: "stats" } | { type: "destroy" };

/** Worklet → page: "ready" once (after the first render quantum), then "stats" about once a second. */
export type DtlnWorkletResponse =
  | { type: "ready"; latencySamples: number; blockSize: number }
  | { type: "stats"; hops: number; underruns: number; waiting: number }
  | { type: "error"; message: string };

/** Worklet ⇄ worker over the MessagePort: one 128-sample hop at 16 kHz, numbered from 0 (to the worker: input; back: output). */
export type DtlnHop = { type: "hop"; seq: number; samples: Float32Array };

/** Page → worker. */
export type DtlnWorkerRequest =
  | {
      type: "init";
      ortUrl: string;
      models: [DtlnModelFile, DtlnModelFile];
      /** Run the framing, FFTs and overlap-add but not the models (a mask of 1, an identity time stage). */
      bypass?: boolean;
      /** Hops to time the models on before audio flows (the affordability check); 0 skips it. */
      benchHops: number;
      port: MessagePort;
    };

/** Time per hop (model_1 + model_2 + FFTs), over `hops` hops of a reference signal. */
export type DtlnTiming = { hops: number; meanMs: number; medianMs: number; p95Ms: number; cpuMsPerAudioSecond: number };

/** Worker → page. */
export type DtlnWorkerResponse = { type: "ready"; loadMs: number; timing: DtlnTiming | null } | { type: "error"; message: string };

/**
 * Whether this device can run DTLN with room to spare: on average a hop must take at most half its
 * 8 ms (half a core: the page, LiveKit and the caption models need the CPU too), and the slowest 5%
 * at most half the worklet's deadline (a slow hop is absorbed by the deadline; many are underruns).
 * On a 2-core EPYC VM, idle: mean 1.9 ms, p95 5.8–7 ms, and a real-time run had no underruns;
 * the same VM running the end-to-end suite: p95 over 100 ms, refused.
 */
export const DTLN_MAX_MEAN_MS = (DTLN_HOP / DTLN_RATE) * 1000 * 0.5;
export const DTLN_MAX_P95_MS = ((DTLN_DEFAULT_WAIT_QUANTA * 128) / DTLN_CONTEXT_RATE) * 1000 * 0.5;

export function canAffordDtln(timing: DtlnTiming): boolean {
  return timing.meanMs <= DTLN_MAX_MEAN_MS && timing.p95Ms <= DTLN_MAX_P95_MS;
}
