/**
 * Noise suppression as a LiveKit audio track processor: the microphone's MediaStreamTrack goes
 * through the RNNoise AudioWorklet (workers/browser/rnnoise.worklet.ts) and LiveKit sends the
 * processed track instead (`localAudioTrack.setProcessor(new RnnoiseProcessor())`). Client-side only.
 */
import type { AudioProcessorOptions, Track, TrackProcessor } from "livekit-client";
import { localStorageOrNull } from "@/lib/local-storage";
import { RNNOISE_PROCESSOR_NAME, RNNOISE_RATE, RNNOISE_WORKLET_PATH, type RnnoiseRequest, type RnnoiseResponse } from "./rnnoise-protocol";

type Graph = {
  context: AudioContext;
  /** A 48 kHz context we made because LiveKit's runs at another rate; closed with the graph. */
  ownsContext: boolean;
  source: MediaStreamAudioSourceNode;
  node: AudioWorkletNode;
  destination: MediaStreamAudioDestinationNode;
};

export class RnnoiseProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  readonly name = "parley-rnnoise";
  processedTrack?: MediaStreamTrack;
  private graph: Graph | null = null;

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
    graph.source.disconnect();
    graph.node.disconnect();
    if (graph.ownsContext) await graph.context.close();
  }

  private async build(track: MediaStreamTrack, livekitContext: AudioContext | undefined): Promise<Graph> {
    // RNNoise only runs at 48 kHz. LiveKit's context follows the audio hardware (44.1 kHz on some
    // machines, and in headless Chromium); then we run our own at 48 kHz, and the browser resamples
    // the microphone into it. Firefox cannot connect a stream to a context of another rate: refuse.
    const ownsContext = !livekitContext || livekitContext.sampleRate !== RNNOISE_RATE;
    const context = ownsContext ? new AudioContext({ sampleRate: RNNOISE_RATE, latencyHint: "interactive" }) : livekitContext;
    try {
      await context.audioWorklet.addModule(this.workletUrl);
      let source: MediaStreamAudioSourceNode;
      try {
        source = context.createMediaStreamSource(new MediaStream([track]));
      } catch (error) {
        throw new Error(`noise suppression needs ${RNNOISE_RATE} Hz audio, and this browser cannot resample the microphone (${livekitContext?.sampleRate ?? "?"} Hz) to it: ${error instanceof Error ? error.message : error}`);
      }
      const node = new AudioWorkletNode(context, RNNOISE_PROCESSOR_NAME, {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: "explicit",
      });
      node.port.onmessage = (event: MessageEvent<RnnoiseResponse>) => {
        if (event.data.type === "error") console.error(`[noise-suppression] ${event.data.message}`);
      };
      node.onprocessorerror = (event) => console.error("[noise-suppression] the RNNoise worklet failed", event);
      const destination = context.createMediaStreamDestination();
      source.connect(node).connect(destination);
      // A context made outside a click may start suspended; the person has clicked Join by now.
      if (context.state === "suspended") await context.resume().catch((error: unknown) => console.warn("[noise-suppression] could not start the audio context", error));
      return { context, ownsContext, source, node, destination };
    } catch (error) {
      if (ownsContext) await context.close().catch(() => {});
      throw error;
    }
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
