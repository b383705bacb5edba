import { describe, expect, it } from "vitest";
import { activeSpeech, advance, bestLag, rms, scaleInvariantSnr, scoreSuppression } from "./suppression-metrics";

const RATE = 48_000;
let seed = 7;
const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;

/** 1 s of noise only, 1 s of a 220 Hz "voice" over noise, 1 s of noise only. */
function mixture(noiseLevel: number) {
  const n = 3 * RATE;
  const clean = new Float32Array(n);
  const noiseTrack = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    clean[i] = i >= RATE && i < 2 * RATE ? 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE) : 0;
    noiseTrack[i] = noiseLevel * noise();
  }
  const mixed = clean.map((c, i) => c + noiseTrack[i]);
  return { clean, noiseTrack, mixed, noiseOnly: [{ from: 0, to: RATE }, { from: 2 * RATE, to: 3 * RATE }] };
}

describe("suppression metrics", () => {
  it("finds the speech stretch and leaves out silence", () => {
    const { clean } = mixture(0.1);
    expect(activeSpeech(clean)).toEqual([{ from: RATE, to: 2 * RATE }]);
  });

  it("scores a suppressor that halves the noise and keeps the speech: 6 dB less noise, speech unchanged", () => {
    const { clean, noiseTrack, mixed, noiseOnly } = mixture(0.1);
    const output = clean.map((c, i) => c + 0.5 * noiseTrack[i]);
    const score = scoreSuppression({ clean, mixture: mixed, output, noiseOnly });
    expect(score.noiseReductionDb).toBeCloseTo(6.02, 1);
    expect(Math.abs(score.speechLevelChangeDb)).toBeLessThan(0.3);
    expect(score.snrImprovementDb).toBeCloseTo(6.02, 0);
  });

  it("counts a suppressor that also halves the speech as a 6 dB speech loss, but not as noise", () => {
    const { clean, mixed, noiseOnly } = mixture(0.1);
    const output = mixed.map((v) => v * 0.5);
    const score = scoreSuppression({ clean, mixture: mixed, output, noiseOnly });
    expect(score.noiseReductionDb).toBeCloseTo(6.02, 1);
    expect(score.speechLevelChangeDb).toBeLessThan(-5);
    expect(Math.abs(score.snrImprovementDb)).toBeLessThan(0.01);
  });

  it("finds a delay by cross-correlation and undoes it", () => {
    const { clean, mixed } = mixture(0.05);
    const delayed = new Float32Array(mixed.length);
    delayed.set(mixed.subarray(0, mixed.length - 480), 480);
    expect(bestLag(clean, delayed)).toBe(480);
    expect(rms(advance(delayed, 480), [{ from: 0, to: 1000 }])).toBeCloseTo(rms(mixed, [{ from: 0, to: 1000 }]), 6);
    expect(scaleInvariantSnr(clean, advance(delayed, 480))).toBeGreaterThan(scaleInvariantSnr(clean, delayed) + 10);
  });
});
