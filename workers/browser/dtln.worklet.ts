/**
 * The audio-thread half of DTLN noise suppression: 48 kHz render quanta are resampled to 16 kHz
 * hops and sent to the DTLN worker (workers/browser/dtln.worker.ts) over a MessagePort the page
 * hands over; the denoised hops come back over it and go out, upsampled, a fixed latency after
 * the input. A hop not back in time is replaced by the input and counted (lib/audio/dtln-stream.ts):
 * no gap, no repeat. Until the port arrives every hop is such an underrun (the input passes through).
 * Bundled by scripts/build-workers.ts to DTLN_WORKLET_PATH; driven by lib/audio/dtln-processor.ts.
 */
import { DtlnStream } from "../../lib/audio/dtln-stream";
import {
  DTLN_CONTEXT_RATE,
  DTLN_DEFAULT_WAIT_QUANTA,
  DTLN_PROCESSOR_NAME,
  type DtlnHop,
  type DtlnWorkletOptions,
  type DtlnWorkletRequest,
  type DtlnWorkletResponse,
} from "../../lib/audio/dtln-protocol";

// AudioWorkletGlobalScope is not in TypeScript's libs.
declare const sampleRate: number;
declare const currentFrame: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: DtlnWorkletOptions }) => AudioWorkletProcessor): void;

/** How often the page hears the hop and underrun counts (in samples: about a second). */
const STATS_EVERY = DTLN_CONTEXT_RATE;

class DtlnProcessor extends AudioWorkletProcessor {
  private readonly waitQuanta: number;
  private stream: DtlnStream | null = null;
  private worker: MessagePort | null = null;
  private silence = new Float32Array(128);
  private nextStats = 0;
  private alive = true;

  constructor(options: { processorOptions?: DtlnWorkletOptions }) {
    super(options);
    this.waitQuanta = options.processorOptions?.waitQuanta ?? DTLN_DEFAULT_WAIT_QUANTA;
    this.port.onmessage = (event: MessageEvent<DtlnWorkletRequest>) => {
      if (event.data.type === "destroy") this.destroy();
      else if (event.data.type === "connect") this.connect(event.data.port);
      else if (event.data.type === "stats") this.postStats();
    };
    if (sampleRate !== DTLN_CONTEXT_RATE) this.fail(`DTLN needs a ${DTLN_CONTEXT_RATE} Hz audio context; this one runs at ${sampleRate} Hz`);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (!this.alive) return false;
    const output = outputs[0]?.[0];
    if (!output) return true;
    let input = inputs[0]?.[0];
    if (!input) {
      if (this.silence.length !== output.length) this.silence = new Float32Array(output.length);
      input = this.silence;
    }
    if (!this.stream) {
      // The quantum size is fixed for a context's life: the latency follows from it.
      this.stream = new DtlnStream({ quantum: output.length, waitQuanta: this.waitQuanta, send: this.send });
      // A context LiveKit has run for a while is far past frame 0.
      this.nextStats = currentFrame + STATS_EVERY;
      this.post({ type: "ready", latencySamples: this.stream.latencySamples, blockSize: output.length });
    }
    try {
      this.stream.process(input, output);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return false;
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(output);
    if (currentFrame >= this.nextStats) {
      this.nextStats += STATS_EVERY;
      this.postStats();
    }
    return true;
  }

  private postStats() {
    const stream = this.stream;
    this.post({ type: "stats", hops: stream?.hops ?? 0, underruns: stream?.underruns ?? 0, waiting: stream?.waiting ?? 0 });
  }

  private readonly send = (seq: number, samples: Float32Array) => {
    this.worker?.postMessage({ type: "hop", seq, samples } satisfies DtlnHop, [samples.buffer]);
  };

  private connect(port: MessagePort) {
    this.worker = port;
    port.onmessage = (event: MessageEvent<DtlnHop>) => this.stream?.receive(event.data.seq, event.data.samples);
  }

  private fail(message: string) {
    this.alive = false;
    this.post({ type: "error", message });
  }

  private destroy() {
    this.alive = false;
    this.worker?.close();
    this.worker = null;
  }

  private post(message: DtlnWorkletResponse) {
    this.port.postMessage(message);
  }
}

registerProcessor(DTLN_PROCESSOR_NAME, DtlnProcessor);
