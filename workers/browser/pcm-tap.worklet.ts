/**
 * An AudioWorklet that hands the microphone's samples to the page in blocks of `blockSize`
 * (transferred, not copied) for on-device speech recognition. Its output is silence: it is
 * connected to the destination only so that the browser renders it. Bundled by scripts/build-workers.ts to /workers/pcm-tap.worklet.js.
 */
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: { blockSize?: number } }) => AudioWorkletProcessor): void;

class PcmTap extends AudioWorkletProcessor {
  private readonly size: number;
  private block: Float32Array;
  private filled = 0;

  constructor(options: { processorOptions?: { blockSize?: number } }) {
    super();
    // About 85 ms at 48 kHz by default: small enough for live captions, few enough messages.
    this.size = options.processorOptions?.blockSize ?? 4096;
    this.block = new Float32Array(this.size);
    this.port.postMessage({ type: "rate", sampleRate });
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    // No input yet (or a muted, ended track): keep the processor alive and wait.
    if (!channel) return true;
    let read = 0;
    while (read < channel.length) {
      const take = Math.min(channel.length - read, this.block.length - this.filled);
      this.block.set(channel.subarray(read, read + take), this.filled);
      this.filled += take;
      read += take;
      if (this.filled === this.block.length) {
        // Transferring detaches the block (its length becomes 0): the next one is sized from `size`.
        this.port.postMessage({ type: "audio", samples: this.block }, [this.block.buffer]);
        this.block = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("parley-pcm-tap", PcmTap);

// A module (for the unit test to import); the bundle registers the processor when loaded.
export {};
