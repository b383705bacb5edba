import { describe, expect, it } from "vitest";
import { Resampler } from "./resample";

const tone = (rate: number, hz: number, seconds: number) => Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

function resampleInChunks(resampler: Resampler, input: Float32Array, chunk: number): Float32Array {
  const parts: number[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(...resampler.process(input.subarray(i, i + chunk)));
  return Float32Array.from(parts);
}

describe("Resampler", () => {
  it.each([48_000, 44_100])("takes %i Hz to 16 kHz: the right number of samples, a 440 Hz tone intact", (rate) => {
    const input = tone(rate, 440, 1);
    const output = resampleInChunks(new Resampler(rate, 16_000), input, 128);
    // Everything but the filter's look-ahead (16 input samples) comes out.
    expect(Math.abs(output.length - 16_000)).toBeLessThanOrEqual(8);
    const expected = tone(16_000, 440, 1);
    // Compare away from the start (the filter's warm-up) with the filter's delay accounted for: none, it is centred.
    const a = output.subarray(100, 15_900);
    const b = expected.subarray(100, 15_900);
    const error = Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
    expect(error).toBeLessThan(0.02);
  });

  it("removes what 16 kHz cannot carry instead of folding it back (a 12 kHz tone all but vanishes)", () => {
    const output = resampleInChunks(new Resampler(48_000, 16_000), tone(48_000, 12_000, 0.5), 480);
    expect(rms(output.subarray(50))).toBeLessThan(0.05);
  });

  it("gives the same output whatever the chunk sizes", () => {
    const input = tone(48_000, 300, 0.3).map((v, i) => v + 0.3 * Math.sin(i / 7));
    const one = resampleInChunks(new Resampler(48_000, 16_000), input, input.length);
    const many = resampleInChunks(new Resampler(48_000, 16_000), input, 97);
    expect(many.length).toBe(one.length);
    for (let i = 0; i < one.length; i++) expect(many[i]).toBeCloseTo(one[i], 5);
  });

  it("passes audio through unchanged at the same rate", () => {
    const input = Float32Array.from([0.1, -0.2, 0.3]);
    expect([...new Resampler(16_000, 16_000).process(input)]).toEqual([...input]);
  });
});
