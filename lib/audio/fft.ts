/** Fourier transforms for the audio models: Whisper's 400-point STFT (log-mel.ts) and DTLN's 512-point blocks. */

/**
 * An in-place complex FFT for any length (mixed radix, Stockham autosort: no bit reversal).
 * 400 = 2·2·2·2·5·5, so a frame costs a few thousand multiply-adds instead of a DFT's 80 000.
 */
export function fftPlan(n: number): (re: Float64Array, im: Float64Array) => void {
  const radices: number[] = [];
  for (let rest = n, p = 2; rest > 1; ) {
    if (rest % p === 0) {
      radices.push(p);
      rest /= p;
    } else p++;
  }
  const stages = radices.map((p, index) => {
    const length = n / radices.slice(0, index).reduce((a, b) => a * b, 1);
    const m = length / p;
    // twiddle[j * p + t] = exp(-2πi j t / length); unit[r * p + t] = exp(-2πi r t / p)
    const twRe = new Float64Array(m * p);
    const twIm = new Float64Array(m * p);
    for (let j = 0; j < m; j++) {
      for (let t = 0; t < p; t++) {
        twRe[j * p + t] = Math.cos((-2 * Math.PI * j * t) / length);
        twIm[j * p + t] = Math.sin((-2 * Math.PI * j * t) / length);
      }
    }
    const unitRe = new Float64Array(p * p);
    const unitIm = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      for (let t = 0; t < p; t++) {
        unitRe[r * p + t] = Math.cos((-2 * Math.PI * ((r * t) % p)) / p);
        unitIm[r * p + t] = Math.sin((-2 * Math.PI * ((r * t) % p)) / p);
      }
    }
    return { p, m, twRe, twIm, unitRe, unitIm };
  });
  const workRe = new Float64Array(n);
  const workIm = new Float64Array(n);
  return (re, im) => {
    let xRe: Float64Array = re;
    let xIm: Float64Array = im;
    let yRe: Float64Array = workRe;
    let yIm: Float64Array = workIm;
    let stride = 1;
    for (const { p, m, twRe, twIm, unitRe, unitIm } of stages) {
      for (let j = 0; j < m; j++) {
        for (let q = 0; q < stride; q++) {
          for (let t = 0; t < p; t++) {
            let sumRe = 0;
            let sumIm = 0;
            for (let r = 0; r < p; r++) {
              const at = q + stride * (j + r * m);
              const uRe = unitRe[r * p + t];
              const uIm = unitIm[r * p + t];
              sumRe += xRe[at] * uRe - xIm[at] * uIm;
              sumIm += xRe[at] * uIm + xIm[at] * uRe;
            }
            const wRe = twRe[j * p + t];
            const wIm = twIm[j * p + t];
            const to = q + stride * (p * j + t);
            yRe[to] = sumRe * wRe - sumIm * wIm;
            yIm[to] = sumRe * wIm + sumIm * wRe;
          }
        }
      }
      [xRe, yRe] = [yRe, xRe];
      [xIm, yIm] = [yIm, xIm];
      stride *= p;
    }
    if (xRe !== re) {
      re.set(xRe);
      im.set(xIm);
    }
  };
}

/**
 * Real FFT (numpy's rfft/irfft conventions) on top of fftPlan, for DTLN's 512-sample blocks.
 * Allocation-free after construction: results go into the caller's arrays.
 */
export class RealFft {
  readonly bins: number;
  private readonly fft: (re: Float64Array, im: Float64Array) => void;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2 || size % 2 !== 0) throw new RangeError("size must be an even integer ≥ 2");
    this.bins = size / 2 + 1;
    this.fft = fftPlan(size);
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
  }

  /** `re`/`im` (each `bins` long) = the spectrum of `input` (`size` samples). */
  forward(input: ArrayLike<number>, re: Float32Array, im: Float32Array): void {
    for (let i = 0; i < this.size; i++) {
      this.re[i] = input[i];
      this.im[i] = 0;
    }
    this.fft(this.re, this.im);
    for (let k = 0; k < this.bins; k++) {
      re[k] = this.re[k];
      im[k] = this.im[k];
    }
  }

  /** `output` (`size` samples) = the real signal whose spectrum's first `bins` bins are `re`/`im`. */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, output: Float32Array): void {
    const n = this.size;
    // The inverse is the conjugate of the forward transform of the conjugate, over n. The upper
    // half is the lower half mirrored and conjugated; DC's and Nyquist's imaginary parts are dropped.
    for (let k = 0; k < n; k++) {
      const j = k < this.bins ? k : n - k;
      this.re[k] = re[j];
      this.im[k] = k === 0 || k === n / 2 ? 0 : k < this.bins ? -im[j] : im[j];
    }
    this.fft(this.re, this.im);
    for (let i = 0; i < n; i++) output[i] = this.re[i] / n;
  }
}
