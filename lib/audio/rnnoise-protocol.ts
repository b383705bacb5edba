/**
 * What the page and the RNNoise AudioWorklet (workers/browser/rnnoise.worklet.ts, bundled to
 * RNNOISE_WORKLET_PATH by scripts/build-workers.ts) say to each other.
 */
export const RNNOISE_WORKLET_PATH = "/workers/rnnoise.worklet.js";
export const RNNOISE_PROCESSOR_NAME = "parley-rnnoise";
/** RNNoise works on 10 ms frames at 48 kHz, and only at that rate. */
export const RNNOISE_RATE = 48_000;
export const RNNOISE_FRAME = 480;

export type RnnoiseOptions = {
  /** Run the frame buffer but not the model: the benchmark's baseline. */
  bypass?: boolean;
};

/** Page → worklet. */
export type RnnoiseRequest = { type: "destroy" };

/** Worklet → page: once, after the first render quantum (the latency depends on its size). */
export type RnnoiseResponse = { type: "ready"; latencySamples: number; blockSize: number } | { type: "error"; message: string };
