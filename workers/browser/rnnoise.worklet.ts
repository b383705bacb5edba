/**
 * Noise suppression on the audio thread: RNNoise (@jitsi/rnnoise-wasm's synchronous build, wasm
 * inlined, as Jitsi Meet loads it: an AudioWorklet can neither fetch nor wait) on 480-sample
 * frames at 48 kHz. Render quanta (128 samples) go through a FrameRing, so the output is the
 * denoised input a fixed few milliseconds later (448 samples, 9.3 ms, for 128-sample quanta).
 * Bundled by scripts/build-workers.ts to RNNOISE_WORKLET_PATH; driven by lib/audio/noise-suppression.ts.
 * Mono: the node downmixes its input to one channel.
 */
import createRNNWasmModuleSync, { type RnnoiseModule } from "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js";
import { FrameRing, minimumLatency } from "../../lib/audio/frame-ring";
import { RNNOISE_FRAME, RNNOISE_PROCESSOR_NAME, RNNOISE_RATE, type RnnoiseOptions, type RnnoiseRequest, type RnnoiseResponse } from "../../lib/audio/rnnoise-protocol";

// AudioWorkletGlobalScope is not in TypeScript's libs.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: RnnoiseOptions }) => AudioWorkletProcessor): void;

/** RNNoise's training data is 16-bit PCM: it expects samples on that scale. */
const PCM_SCALE = 32768;

class RnnoiseProcessor extends AudioWorkletProcessor {
  private readonly bypass: boolean;
  private rnnoise: { module: RnnoiseModule; state: number; input: number; output: number } | null = null;
  private ring: FrameRing | null = null;
  private silence = new Float32Array(128);
  private alive = true;

  constructor(options: { processorOptions?: RnnoiseOptions }) {
    super(options);
    this.bypass = options.processorOptions?.bypass === true;
    this.port.onmessage = (event: MessageEvent<RnnoiseRequest>) => {
      if (event.data.type === "destroy") this.destroy();
    };
    if (sampleRate !== RNNOISE_RATE) {
      this.fail(`RNNoise needs a ${RNNOISE_RATE} Hz audio context; this one runs at ${sampleRate} Hz`);
      return;
    }
    if (this.bypass) return;
    const module = createRNNWasmModuleSync();
    const bytes = RNNOISE_FRAME * Float32Array.BYTES_PER_ELEMENT;
    this.rnnoise = { module, state: module._rnnoise_create(), input: module._malloc(bytes), output: module._malloc(bytes) };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (!this.alive) return false;
    const output = outputs[0]?.[0];
    if (!output) return true;
    // An input with no channels (source not yet started, or gone) still moves time on: feed silence.
    let input = inputs[0]?.[0];
    if (!input) {
      if (this.silence.length !== output.length) this.silence = new Float32Array(output.length);
      input = this.silence;
    }
    if (!this.ring) {
      // The quantum size is fixed for a context's life; the shortest latency for it never runs dry.
      this.ring = new FrameRing(RNNOISE_FRAME, minimumLatency(RNNOISE_FRAME, output.length));
      this.post({ type: "ready", latencySamples: this.ring.latency, blockSize: output.length });
    }
    this.ring.process(input, output, this.denoise);
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(output);
    return true;
  }

  private readonly denoise = (frame: Float32Array) => {
    const rnnoise = this.rnnoise;
    if (!rnnoise) return; // bypass: the frame goes out as it came
    const heap = rnnoise.module.HEAPF32;
    const at = rnnoise.input / Float32Array.BYTES_PER_ELEMENT;
    for (let i = 0; i < RNNOISE_FRAME; i++) heap[at + i] = frame[i] * PCM_SCALE;
    rnnoise.module._rnnoise_process_frame(rnnoise.state, rnnoise.output, rnnoise.input);
    const out = rnnoise.output / Float32Array.BYTES_PER_ELEMENT;
    const fresh = rnnoise.module.HEAPF32; // (the heap may have been replaced if memory grew)
    for (let i = 0; i < RNNOISE_FRAME; i++) frame[i] = fresh[out + i] / PCM_SCALE;
  };

  private fail(message: string) {
    this.alive = false;
    this.post({ type: "error", message });
  }

  private destroy() {
    this.alive = false;
    if (!this.rnnoise) return;
    const { module, state, input, output } = this.rnnoise;
    module._rnnoise_destroy(state);
    module._free(input);
    module._free(output);
    this.rnnoise = null;
  }

  private post(message: RnnoiseResponse) {
    this.port.postMessage(message);
  }
}

registerProcessor(RNNOISE_PROCESSOR_NAME, RnnoiseProcessor);
