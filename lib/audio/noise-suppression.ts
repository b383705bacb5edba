/**
 * Noise suppression as a LiveKit audio track processor: the microphone's MediaStreamTrack goes
 * through the RNNoise AudioWorklet (workers/browser/rnnoise.worklet.ts) and LiveKit sends the
 * processed track instead (`localAudioTrack.setProcessor(new RnnoiseProcessor())`). Client-side only.
 */
import type { AudioProcessorOptions, Track, TrackProcessor } from "livekit-client";
import { localStorageOrNull } from "@/lib/local-storage";
import { RNNOISE_PROCESSOR_NAME, RNNOISE_RATE, RNNOISE_WORKLET_PATH, type RnnoiseRequest, type RnnoiseResponse } from "./rnnoise-protocol";
import { buildWorkletGraph, closeWorkletGraph, type WorkletGraph } from "./worklet-graph";

export class RnnoiseProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  readonly name = "parley-rnnoise";
  processedTrack?: MediaStreamTrack;
  private graph: WorkletGraph | null = null;

  constructor(private readonly workletUrl = RNNOISE_WORKLET_PATH) {}

  async init({ track, audioContext }: AudioProcessorOptions): Promise<void> {
    this.graph = await this.build(track, audioContext);
    this.processedTrack = this.graph.destination.stream.getAudioTracks()[0];
  }

  /** LiveKit calls this with the new MediaStreamTrack after a device switch or a restart. */
  async restart(options: AudioProcessorOptions): Promise<void> {
    await this.destroy();
    await this.init(options);
  }

  async destroy(): Promise<void> {
    const graph = this.graph;
    this.graph = null;
    this.processedTrack?.stop();
    this.processedTrack = undefined;
    if (!graph) return;
    graph.node.port.postMessage({ type: "destroy" } satisfies RnnoiseRequest);
    await closeWorkletGraph(graph);
  }

  private async build(track: MediaStreamTrack, livekitContext: AudioContext | undefined): Promise<WorkletGraph> {
    // RNNoise only runs at 48 kHz.
    const graph = await buildWorkletGraph({ track, livekitContext, rate: RNNOISE_RATE, workletUrl: this.workletUrl, processorName: RNNOISE_PROCESSOR_NAME });
    graph.node.port.onmessage = (event: MessageEvent<RnnoiseResponse>) => {
      if (event.data.type === "error") console.error(`[noise-suppression] ${event.data.message}`);
    };
    graph.node.onprocessorerror = (event) => console.error("[noise-suppression] the RNNoise worklet failed", event);
    return graph;
  }
}

/** Remembered per device; on unless the person turned it off (as in Meet, Zoom and Jitsi). */
export const NOISE_SUPPRESSION_STORAGE_KEY = "parley_noise_suppression";

export function readNoiseSuppressionPreference(): boolean {
  return localStorageOrNull()?.getItem(NOISE_SUPPRESSION_STORAGE_KEY) !== "off";
}

export function saveNoiseSuppressionPreference(on: boolean): void {
  localStorageOrNull()?.setItem(NOISE_SUPPRESSION_STORAGE_KEY, on ? "on" : "off");
}

/**
 * Which suppressor runs when it is on: "standard" is RNNoise (the default: cheap, on the audio
 * thread), "high" is DTLN (lib/audio/dtln-processor.ts), used where the device can afford it.
 */
export type NoiseSuppressionQuality = "standard" | "high";
export const NOISE_SUPPRESSION_QUALITY_STORAGE_KEY = "parley_noise_suppression_quality";

export function readNoiseSuppressionQuality(): NoiseSuppressionQuality {
  return localStorageOrNull()?.getItem(NOISE_SUPPRESSION_QUALITY_STORAGE_KEY) === "high" ? "high" : "standard";
}

export function saveNoiseSuppressionQuality(quality: NoiseSuppressionQuality): void {
  localStorageOrNull()?.setItem(NOISE_SUPPRESSION_QUALITY_STORAGE_KEY, quality);
}
