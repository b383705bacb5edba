/**
 * Whisper's input features from 16 kHz mono audio: STFT (n_fft 400, hop 160, periodic Hann,
 * reflect padding as with center=True), power spectrum, 80-band Slaney mel filterbank up to
 * 8 kHz, log10, clamped to 8 below the maximum, scaled as (x + 4) / 4. The same numbers as
 * OpenAI's whisper.audio.log_mel_spectrogram (checked against models/whisper/reference.py).
 *
 * The output window is a segment plus about half a second of silence rather than Whisper's fixed
 * 30 s: the converted encoder takes any even frame count up to 3000, and a 5 s caption then costs
 * a sixth of the encoder time.
 */
import { fftPlan } from "./fft";
export const MEL_RATE = 16_000;
export const MEL_BINS = 80;
export const N_FFT = 400;
export const HOP = 160;
/** 30 s: the most Whisper's positional table covers. */
export const MAX_FRAMES = 3000;
const SPECTRUM_BINS = N_FFT / 2 + 1;

/** Frames for a segment of `samples`, with `paddingSeconds` of silence after it: even, at most 3000. */
export function windowFrames(samples: number, paddingSeconds = 0.5): number {
  const frames = Math.ceil((samples + paddingSeconds * MEL_RATE) / HOP);
  return Math.max(2, Math.min(MAX_FRAMES, frames + (frames % 2)));
}

/** Log-mel features of `audio` zero-padded (or cut) to `frames` frames, mel-major: [80 × frames], as the encoder's input [1, 80, frames]. */
export function logMel(audio: Float32Array, frames: number): Float32Array {
  if (!Number.isInteger(frames) || frames < 2) throw new RangeError(`frames must be an integer ≥ 2, not ${frames}`);
  const samples = frames * HOP;
  const padded = reflectPadded(audio.length > samples ? audio.subarray(0, samples) : audio, samples);
  const window = hann();
  const fft = fftPlan(N_FFT);
  const re = new Float64Array(N_FFT);
  const im = new Float64Array(N_FFT);
  const power = new Float64Array(SPECTRUM_BINS);
  const out = new Float32Array(MEL_BINS * frames);
  const { weights, first, last } = melBands();
  let max = -Infinity;
  for (let f = 0; f < frames; f++) {
    const start = f * HOP;
    for (let i = 0; i < N_FFT; i++) {
      re[i] = padded[start + i] * window[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < SPECTRUM_BINS; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let m = 0; m < MEL_BINS; m++) {
      let sum = 0;
      for (let k = first[m]; k <= last[m]; k++) sum += weights[m * SPECTRUM_BINS + k] * power[k];
      const value = Math.log10(Math.max(sum, 1e-10));
      out[m * frames + f] = value;
      if (value > max) max = value;
    }
  }
  const floor = max - 8;
  for (let i = 0; i < out.length; i++) out[i] = (Math.max(out[i], floor) + 4) / 4;
  return out;
}

/** The audio, zero-padded to `samples`, with N_FFT/2 reflected samples either side (numpy's "reflect"). */
function reflectPadded(audio: Float32Array, samples: number): Float64Array {
  const half = N_FFT / 2;
  const body = new Float64Array(samples);
  body.set(audio.subarray(0, samples));
  const out = new Float64Array(samples + N_FFT);
  out.set(body, half);
  const period = 2 * (samples - 1);
  for (let i = 0; i < half; i++) {
    out[half - 1 - i] = body[reflect(i + 1, samples, period)];
    out[half + samples + i] = body[reflect(samples - 2 - i, samples, period)];
  }
  return out;
}

function reflect(index: number, length: number, period: number): number {
  if (length === 1) return 0;
  let i = ((index % period) + period) % period;
  if (i >= length) i = period - i;
  return i;
}

let hannCache: Float64Array | undefined;
/** Periodic Hann window (torch.hann_window's default), N_FFT long. */
function hann(): Float64Array {
  if (!hannCache) {
    hannCache = new Float64Array(N_FFT);
    for (let i = 0; i < N_FFT; i++) hannCache[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N_FFT);
  }
  return hannCache;
}

const hzToMel = (hz: number) => (hz >= 1000 ? 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27) : hz / (200 / 3));
const melToHz = (mel: number) => (mel >= 15 ? 1000 * Math.exp((Math.log(6.4) / 27) * (mel - 15)) : mel * (200 / 3));

type MelBands = { weights: Float64Array; first: Int32Array; last: Int32Array };
let bandsCache: MelBands | undefined;

/** librosa.filters.mel(sr=16000, n_fft=400, n_mels=80, fmax=8000, htk=False, norm="slaney"): [80 × 201] with each band's non-zero range. */
export function melBands(): MelBands {
  if (bandsCache) return bandsCache;
  const points = Array.from({ length: MEL_BINS + 2 }, (_, i) => melToHz((hzToMel(8000) * i) / (MEL_BINS + 1)));
  const weights = new Float64Array(MEL_BINS * SPECTRUM_BINS);
  const first = new Int32Array(MEL_BINS).fill(SPECTRUM_BINS);
  const last = new Int32Array(MEL_BINS).fill(-1);
  for (let m = 0; m < MEL_BINS; m++) {
    const norm = 2 / (points[m + 2] - points[m]);
    for (let k = 0; k < SPECTRUM_BINS; k++) {
      const hz = (k * MEL_RATE) / N_FFT;
      const lower = (hz - points[m]) / (points[m + 1] - points[m]);
      const upper = (points[m + 2] - hz) / (points[m + 2] - points[m + 1]);
      const w = Math.max(0, Math.min(lower, upper)) * norm;
      weights[m * SPECTRUM_BINS + k] = w;
      if (w > 0) {
        first[m] = Math.min(first[m], k);
        last[m] = k;
      }
    }
  }
  bandsCache = { weights, first, last };
  return bandsCache;
}
