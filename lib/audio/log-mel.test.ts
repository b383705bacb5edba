import { describe, expect, it } from "vitest";
import fixture from "./log-mel.fixture.json";
import { fftPlan } from "./fft";
import { MAX_FRAMES, MEL_BINS, logMel, melBands, windowFrames } from "./log-mel";

/** The fixture's signal (models/whisper/make-mel-fixture.py builds the same, in float32). */
function signal(): Float32Array {
  const x = new Float32Array(fixture.samples);
  for (let n = 0; n < x.length; n++) {
    const t = n / 16_000;
    x[n] = 0.5 * Math.sin(2 * Math.PI * (200 * t + 5000 * t * t)) + 0.1 * Math.sin(2 * Math.PI * 440 * t);
  }
  return x;
}

describe("logMel", () => {
  it("matches the numpy reference of Whisper's features on a chirp, frame by frame", () => {
    const frames = windowFrames(fixture.samples);
    expect(frames).toBe(fixture.frames);
    const mel = logMel(signal(), frames);
    expect(mel.length).toBe(MEL_BINS * frames);
    let worst = 0;
    for (const [frame, column] of Object.entries(fixture.columns)) {
      column.forEach((want, bin) => (worst = Math.max(worst, Math.abs(mel[bin * frames + Number(frame)] - want))));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it("computes the Slaney filterbank the reference uses", () => {
    const { weights } = melBands();
    const sums = fixture.filterRowSums.map((_, m) => weights.subarray(m * 201, (m + 1) * 201).reduce((a, b) => a + b, 0));
    sums.forEach((sum, m) => expect(sum).toBeCloseTo(fixture.filterRowSums[m], 7));
  });

  it("gives silence the floor value, and pads short audio with it", () => {
    const mel = logMel(new Float32Array(1600), 20);
    // All zeros: log10(1e-10) = -10 everywhere, so the clamp leaves it, and (−10 + 4) / 4 = −1.5.
    expect(new Set(mel)).toEqual(new Set([-1.5]));
  });

  it("sizes the window as the segment plus half a second, even, at most 30 s", () => {
    expect(windowFrames(16_000)).toBe(150);
    expect(windowFrames(16_001)).toBe(152);
    expect(windowFrames(16_000 * 40)).toBe(MAX_FRAMES);
    expect(windowFrames(0) % 2).toBe(0);
  });
});

describe("fftPlan", () => {
  it.each([400, 16, 30, 7])("agrees with a direct DFT for length %i", (n) => {
    const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + (i % 3) * 0.2);
    const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.11) * 0.5);
    const wantRe = new Float64Array(n);
    const wantIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        wantRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
        wantIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
      }
    }
    fftPlan(n)(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(wantRe[k], 9);
      expect(im[k]).toBeCloseTo(wantIm[k], 9);
    }
  });
});
