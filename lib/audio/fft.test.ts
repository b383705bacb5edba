import { describe, expect, it } from "vitest";
import { RealFft } from "./fft";

function naiveRfft(x: number[]) {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      i -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

/** A deterministic pseudo-random signal. */
function signal(n: number, seed = 7): number[] {
  let s = seed;
  return Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
}

describe("RealFft", () => {
  for (const n of [8, 64, 512]) {
    it(`matches a direct DFT at ${n} points and inverts back to the input`, () => {
      const x = signal(n);
      const fft = new RealFft(n);
      const re = new Float32Array(fft.bins);
      const im = new Float32Array(fft.bins);
      fft.forward(x, re, im);
      const want = naiveRfft(x);
      for (let k = 0; k < fft.bins; k++) {
        expect(re[k]).toBeCloseTo(want.re[k], 3);
        expect(im[k]).toBeCloseTo(want.im[k], 3);
      }
      const back = new Float32Array(n);
      fft.inverse(re, im, back);
      for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(x[t], 5);
    });
  }

  it("refuses an odd size", () => {
    expect(() => new RealFft(511)).toThrow(RangeError);
  });
});
