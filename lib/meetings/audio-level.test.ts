import { describe, expect, it } from "vitest";
import { levelFromRms, rootMeanSquare, smoothLevel } from "./audio-level";

const sine = (amplitude: number, length = 1024) => Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000));

describe("rootMeanSquare", () => {
  it("is amplitude/√2 for a sine and 0 for silence", () => {
    expect(rootMeanSquare(sine(1, 48_000))).toBeCloseTo(Math.SQRT1_2, 3);
    expect(rootMeanSquare(new Float32Array(512))).toBe(0);
    expect(rootMeanSquare([])).toBe(0);
  });
});

describe("levelFromRms", () => {
  it("maps -60..0 dBFS onto 0..1", () => {
    expect(levelFromRms(0)).toBe(0);
    expect(levelFromRms(0.001)).toBeCloseTo(0, 5); // -60 dB
    expect(levelFromRms(0.01)).toBeCloseTo(1 / 3, 5); // -40 dB
    expect(levelFromRms(1)).toBe(1);
    expect(levelFromRms(4)).toBe(1);
  });

  it("reads speech louder than room noise", () => {
    expect(levelFromRms(rootMeanSquare(sine(0.3)))).toBeGreaterThan(levelFromRms(rootMeanSquare(sine(0.003))) + 0.5);
  });
});

describe("smoothLevel", () => {
  it("rises faster than it falls", () => {
    const up = smoothLevel(0, 1);
    const down = 1 - smoothLevel(1, 0);
    expect(up).toBeGreaterThan(down);
    expect(smoothLevel(0.5, 0.5)).toBe(0.5);
  });
});
