/**
 * The audio graph a noise-suppression track processor puts the microphone through:
 * source → AudioWorkletNode → MediaStreamDestination, in a 48 kHz context. Shared by
 * RnnoiseProcessor (lib/audio/noise-suppression.ts) and DtlnProcessor (lib/audio/dtln-processor.ts).
 */
export type WorkletGraph = {
  context: AudioContext;
  /** A 48 kHz context we made because LiveKit's runs at another rate; closed with the graph. */
  ownsContext: boolean;
  source: MediaStreamAudioSourceNode;
  node: AudioWorkletNode;
  destination: MediaStreamAudioDestinationNode;
};

export async function buildWorkletGraph({
  track,
  livekitContext,
  rate,
  workletUrl,
  processorName,
  processorOptions,
}: {
  track: MediaStreamTrack;
  livekitContext: AudioContext | undefined;
  rate: number;
  workletUrl: string;
  processorName: string;
  processorOptions?: Record<string, unknown>;
}): Promise<WorkletGraph> {
  // The models run at 48 kHz. LiveKit's context follows the audio hardware (44.1 kHz on some
  // machines, and in headless Chromium); then we run our own at 48 kHz, and the browser resamples
  // the microphone into it. Firefox cannot connect a stream to a context of another rate: refuse.
  const ownsContext = !livekitContext || livekitContext.sampleRate !== rate;
  const context = ownsContext ? new AudioContext({ sampleRate: rate, latencyHint: "interactive" }) : livekitContext;
  try {
    await context.audioWorklet.addModule(workletUrl);
    let source: MediaStreamAudioSourceNode;
    try {
      source = context.createMediaStreamSource(new MediaStream([track]));
    } catch (error) {
      throw new Error(`noise suppression needs ${rate} Hz audio, and this browser cannot resample the microphone (${livekitContext?.sampleRate ?? "?"} Hz) to it: ${error instanceof Error ? error.message : error}`);
    }
    const node = new AudioWorkletNode(context, processorName, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: "explicit",
      processorOptions,
    });
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

/** Takes the graph apart (after the processor told its worklet to stop). */
export async function closeWorkletGraph(graph: WorkletGraph): Promise<void> {
  graph.source.disconnect();
  graph.node.disconnect();
  if (graph.ownsContext) await graph.context.close();
}
