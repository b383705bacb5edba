/**
 * Block-to-frame adapter for a streaming audio processor whose model works on fixed frames that do
 * not line up with the blocks it is given: an AudioWorklet hands out 128-sample render quanta,
 * RNNoise wants 480-sample (10 ms at 48 kHz) frames. Input is collected into frames, each frame is
 * processed once, in place, and the processed samples come out `latency` samples later:
 * output sample i is processed input sample i − latency (zeros before that). Nothing is dropped or
 * repeated, whatever the block sizes. Allocation-free once warm (it runs on the audio thread).
 */
export class FrameRing {
  private readonly frame: Float32Array;
  private filled = 0;
  /** Processed samples waiting to go out, in a circular buffer. */
  private queue: Float32Array;
  private readAt = 0;
  private queued = 0;
  /** Zeros still to emit before the first processed sample. */
  private leadIn: number;

  constructor(
    readonly frameSize: number,
    /** Delay between input and output, in samples; at least `minimumLatency(frameSize, blockSize)`. */
    readonly latency: number = frameSize - 1,
  ) {
    if (!Number.isInteger(frameSize) || frameSize <= 0) throw new RangeError("frameSize must be a positive integer");
    if (!Number.isInteger(latency) || latency < 0) throw new RangeError("latency must be a non-negative integer");
    this.frame = new Float32Array(frameSize);
    this.queue = new Float32Array(nextPowerOfTwo(latency + 2 * frameSize + 128));
    this.leadIn = latency;
  }

  /**
   * Takes `input`, fills `output` (same length) with what is due, and calls `processFrame` on each
   * frame completed on the way (it rewrites the frame in place). Throws if the latency is too short
   * for the blocks given: a silent gap would be a bug, not an audio glitch to hide.
   */
  process(input: Float32Array, output: Float32Array, processFrame: (frame: Float32Array) => void): void {
    if (output.length !== input.length) throw new RangeError("output must be as long as input");
    let offset = 0;
    while (offset < input.length) {
      const take = Math.min(this.frameSize - this.filled, input.length - offset);
      this.frame.set(input.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameSize) {
        processFrame(this.frame);
        this.enqueue(this.frame);
        this.filled = 0;
      }
    }

    let written = 0;
    const zeros = Math.min(this.leadIn, output.length);
    output.fill(0, 0, zeros);
    this.leadIn -= zeros;
    written = zeros;
    const due = output.length - written;
    if (due > this.queued) throw new Error(`FrameRing: latency ${this.latency} is too short for a ${input.length}-sample block with ${this.frameSize}-sample frames`);
    for (let i = 0; i < due; i++) output[written + i] = this.queue[(this.readAt + i) & (this.queue.length - 1)];
    this.readAt = (this.readAt + due) & (this.queue.length - 1);
    this.queued -= due;
  }

  private enqueue(samples: Float32Array): void {
    if (this.queued + samples.length > this.queue.length) this.grow(this.queued + samples.length);
    const mask = this.queue.length - 1;
    const writeAt = (this.readAt + this.queued) & mask;
    for (let i = 0; i < samples.length; i++) this.queue[(writeAt + i) & mask] = samples[i];
    this.queued += samples.length;
  }

  /** Only when blocks longer than any seen before arrive (never for fixed 128-sample quanta). */
  private grow(atLeast: number): void {
    const bigger = new Float32Array(nextPowerOfTwo(atLeast));
    for (let i = 0; i < this.queued; i++) bigger[i] = this.queue[(this.readAt + i) & (this.queue.length - 1)];
    this.queue = bigger;
    this.readAt = 0;
  }
}

/**
 * The shortest latency that never runs dry when every block has `blockSize` samples: after k
 * blocks, k·blockSize mod frameSize input samples wait in an unfinished frame, at most
 * frameSize − gcd(blockSize, frameSize). For 128-sample quanta and 480-sample frames: 448 (9.3 ms).
 * Blocks of varying size need frameSize − 1 (the default).
 */
export function minimumLatency(frameSize: number, blockSize: number): number {
  return frameSize - gcd(blockSize, frameSize);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
