/**
 * Cuts a stream of audio samples (as AudioWorklets deliver them: 128 at a time, or whatever a
 * resampler hands out) into fixed-size frames for a model — Silero VAD wants 512 samples at 16 kHz.
 * Every sample lands in exactly one frame, in order: nothing dropped, nothing repeated.
 */
export class FrameSplitter {
  private readonly pending: Float32Array;
  private filled = 0;

  constructor(readonly frameSize: number) {
    if (!Number.isInteger(frameSize) || frameSize <= 0) throw new RangeError("frameSize must be a positive integer");
    this.pending = new Float32Array(frameSize);
  }

  /** The whole frames completed by `samples` (each a new array the caller may keep). */
  push(samples: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.frameSize - this.filled, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameSize) {
        frames.push(this.pending.slice());
        this.filled = 0;
      }
    }
    return frames;
  }

  /** Samples waiting for the next frame. */
  get buffered(): number {
    return this.filled;
  }

  /** The partial last frame, zero-padded (end of stream); null when nothing is waiting. */
  flush(): Float32Array | null {
    if (this.filled === 0) return null;
    const frame = new Float32Array(this.frameSize);
    frame.set(this.pending.subarray(0, this.filled));
    this.filled = 0;
    return frame;
  }
}
