/**
 * Streaming resampler for speech models (microphones run at 48 kHz or 44.1 kHz; VAD and ASR want
 * 16 kHz). A windowed-sinc low-pass filter removes what the lower rate cannot carry (no aliasing),
 * then samples are interpolated at the output times. State carries over between chunks, so chunk
 * boundaries leave no clicks and the output length tracks the input exactly over time.
 */
const HALF_TAPS = 16;

export class Resampler {
  private readonly ratio: number;
  private readonly cutoff: number;
  /** Input history kept across chunks: the filter looks HALF_TAPS samples either side. */
  private history = new Float32Array(0);
  /** Position of the next output sample, in input samples relative to the start of `history`. */
  private position = HALF_TAPS;
  private readonly kernelCache = new Map<number, Float32Array>();

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    if (!(fromRate > 0 && toRate > 0)) throw new RangeError("Sample rates must be positive");
    this.ratio = fromRate / toRate;
    // Down-sampling: cut at the new Nyquist (with a little room); up-sampling: keep everything.
    this.cutoff = Math.min(1, toRate / fromRate) * 0.95;
    this.history = new Float32Array(HALF_TAPS); // silence before the first sample
  }

  process(input: Float32Array): Float32Array {
    if (this.fromRate === this.toRate) return input.slice();
    const data = new Float32Array(this.history.length + input.length);
    data.set(this.history);
    data.set(input, this.history.length);
    const out: number[] = [];
    // An output sample needs HALF_TAPS input samples after it.
    while (this.position + HALF_TAPS < data.length) {
      out.push(this.sampleAt(data, this.position));
      this.position += this.ratio;
    }
    // Keep what the next outputs still need.
    const keepFrom = Math.max(0, Math.floor(this.position) - HALF_TAPS);
    this.history = data.slice(keepFrom);
    this.position -= keepFrom;
    return Float32Array.from(out);
  }

  private sampleAt(data: Float32Array, position: number): number {
    const base = Math.floor(position);
    const fraction = position - base;
    const kernel = this.kernel(Math.round(fraction * 64));
    let sum = 0;
    for (let k = -HALF_TAPS + 1; k <= HALF_TAPS; k++) sum += data[base + k] * kernel[k + HALF_TAPS - 1];
    return sum;
  }

  /** Filter taps for a fractional offset (quantised to 1/64 sample), normalised to unity gain. */
  private kernel(step: number): Float32Array {
    let kernel = this.kernelCache.get(step);
    if (kernel) return kernel;
    const fraction = step / 64;
    kernel = new Float32Array(2 * HALF_TAPS);
    let total = 0;
    for (let k = -HALF_TAPS + 1; k <= HALF_TAPS; k++) {
      const x = k - fraction;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * this.cutoff * x) / (Math.PI * this.cutoff * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (HALF_TAPS + 1)); // Hann
      kernel[k + HALF_TAPS - 1] = sinc * window;
      total += sinc * window;
    }
    for (let i = 0; i < kernel.length; i++) kernel[i] /= total;
    this.kernelCache.set(step, kernel);
    return kernel;
  }
}
