import { describe, expect, it } from "vitest";
import { FrameSplitter } from "./framing";

describe("FrameSplitter", () => {
  it("turns 128-sample worklet blocks into 512-sample frames without dropping or repeating a sample", () => {
    const splitter = new FrameSplitter(512);
    const frames: Float32Array[] = [];
    let next = 0;
    for (let block = 0; block < 37; block++) {
      const samples = Float32Array.from({ length: 128 }, () => next++);
      frames.push(...splitter.push(samples));
    }
    expect(frames).toHaveLength(Math.floor((37 * 128) / 512));
    const seen = frames.flatMap((f) => [...f]);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
    expect(splitter.buffered).toBe(37 * 128 - seen.length);
    const last = splitter.flush()!;
    expect([...last.subarray(0, splitter.frameSize)].slice(0, 37 * 128 - seen.length)).toEqual(Array.from({ length: 37 * 128 - seen.length }, (_, i) => seen.length + i));
    expect(last[last.length - 1]).toBe(0);
    expect(splitter.flush()).toBeNull();
  });

  it("handles chunks larger than a frame and of odd sizes", () => {
    const splitter = new FrameSplitter(4);
    expect(splitter.push(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])).map((f) => [...f])).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(splitter.push(Float32Array.from([10, 11, 12])).map((f) => [...f])).toEqual([[9, 10, 11, 12]]);
    expect(() => new FrameSplitter(0)).toThrow(RangeError);
  });
});
