/**
 * "High quality" noise suppression as a LiveKit audio track processor: DTLN (two small LSTM
 * networks, models/dtln/) in onnxruntime-web inside a worker (workers/browser/dtln.worker.ts), fed
 * by an AudioWorklet (workers/browser/dtln.worklet.ts) that resamples 48 ↔ 16 kHz and exchanges
 * hops with the worker directly over a MessagePort. Same shape as RnnoiseProcessor.
 *
 * Where the device can afford it: before touching the microphone the worker times DTLN on
 * DTLN_BENCH_HOPS hops of a reference signal; when a hop takes more than half its 8 ms on average,
 * or the slowest 5% more than half the worklet's deadline (canAffordDtln), init fails with
 * DtlnTooSlowError and the caller runs RNNoise instead.
 * While running, the worklet counts hops that were not back in time (passed through undenoised):
 * `stats`, and `onStats` about once a second. Client-side only.
 */
import type { AudioProcessorOptions, Track, TrackProcessor } from "livekit-client";
import { dtlnAssetUrls } from "./dtln-assets";
import {
  DTLN_CONTEXT_RATE,
  DTLN_MAX_MEAN_MS,
  DTLN_MAX_P95_MS,
  DTLN_PROCESSOR_NAME,
  canAffordDtln,
  type DtlnTiming,
  type DtlnWorkerRequest,
  type DtlnWorkerResponse,
  type DtlnWorkletRequest,
  type DtlnWorkletResponse,
} from "./dtln-protocol";
import { buildWorkletGraph, closeWorkletGraph, type WorkletGraph } from "./worklet-graph";

/** 2 s of audio: enough to see the slow hops (garbage collection, a busy core), quick enough at start-up. */
export const DTLN_BENCH_HOPS = 250;

export type DtlnStats = { hops: number; underruns: number };

export class DtlnTooSlowError extends Error {
  constructor(readonly timing: DtlnTiming) {
    super(`DTLN's 8 ms steps take ${timing.meanMs} ms on average and ${timing.p95Ms} ms for the slowest 5% here (at most ${DTLN_MAX_MEAN_MS} and ${DTLN_MAX_P95_MS} ms leave room for the rest)`);
    this.name = "DtlnTooSlowError";
  }
}

export class DtlnProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  readonly name = "parley-dtln";
  processedTrack?: MediaStreamTrack;
  /** What the affordability check measured (null until init has run it). */
  timing: DtlnTiming | null = null;
  stats: DtlnStats = { hops: 0, underruns: 0 };
  onStats?: (stats: DtlnStats) => void;
  private graph: WorkletGraph | null = null;
  private worker: Worker | null = null;

  constructor(private readonly options: { origin?: string; benchHops?: number; waitQuanta?: number } = {}) {}

  async init({ track, audioContext }: AudioProcessorOptions): Promise<void> {
    const urls = dtlnAssetUrls(this.options.origin ?? location.origin);
    const channel = new MessageChannel();
    const worker = new Worker(urls.workerUrl, { type: "module", name: "dtln" });
    this.worker = worker;
    try {
      // Measured once per processor: a restart (new device) keeps the verdict.
      const benchHops = this.timing ? 0 : (this.options.benchHops ?? DTLN_BENCH_HOPS);
      const ready = await startWorker(worker, { type: "init", ortUrl: urls.ortUrl, models: urls.models, benchHops, port: channel.port1 }, [channel.port1]);
      this.timing = ready.timing ?? this.timing;
      if (this.timing && !canAffordDtln(this.timing)) throw new DtlnTooSlowError(this.timing);
      worker.onmessage = (event: MessageEvent<DtlnWorkerResponse>) => {
        if (event.data.type === "error") console.error(`[noise-suppression] DTLN worker: ${event.data.message}`);
      };
      const graph = await buildWorkletGraph({ track, livekitContext: audioContext, rate: DTLN_CONTEXT_RATE, workletUrl: urls.workletUrl, processorName: DTLN_PROCESSOR_NAME, processorOptions: { waitQuanta: this.options.waitQuanta } });
      this.graph = graph;
      graph.node.port.onmessage = (event: MessageEvent<DtlnWorkletResponse>) => {
        if (event.data.type === "error") console.error(`[noise-suppression] ${event.data.message}`);
        else if (event.data.type === "stats") {
          this.stats = { hops: event.data.hops, underruns: event.data.underruns };
          this.onStats?.(this.stats);
        }
      };
      graph.node.onprocessorerror = (event) => console.error("[noise-suppression] the DTLN worklet failed", event);
      graph.node.port.postMessage({ type: "connect", port: channel.port2 } satisfies DtlnWorkletRequest, [channel.port2]);
      this.processedTrack = graph.destination.stream.getAudioTracks()[0];
    } catch (error) {
      await this.destroy();
      throw error;
    }
  }

  /** LiveKit calls this with the new MediaStreamTrack after a device switch or a restart. */
  async restart(options: AudioProcessorOptions): Promise<void> {
    await this.destroy();
    await this.init(options);
  }

  async destroy(): Promise<void> {
    const { graph, worker } = this;
    this.graph = null;
    this.worker = null;
    this.processedTrack?.stop();
    this.processedTrack = undefined;
    worker?.terminate();
    if (!graph) return;
    graph.node.port.postMessage({ type: "destroy" } satisfies DtlnWorkletRequest);
    await closeWorkletGraph(graph);
  }
}

/** Sends `init` and waits for the worker's answer (the models loaded and timed, or why not). */
function startWorker(worker: Worker, request: DtlnWorkerRequest, transfer: Transferable[]): Promise<Extract<DtlnWorkerResponse, { type: "ready" }>> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DtlnWorkerResponse>) => {
      if (event.data.type === "ready") resolve(event.data);
      else if (event.data.type === "error") reject(new Error(`DTLN could not start: ${event.data.message}`));
    };
    worker.onerror = (event) => reject(new Error(`DTLN could not start: ${event.message || "the worker failed to load"}`));
    worker.postMessage(request, transfer);
  });
}
