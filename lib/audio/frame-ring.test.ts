import { describe, expect, it } from "vitest";
import { FrameRing, minimumLatency } from "./frame-ring";

/** A per-sample "model" that also tags each sample with its frame, so misaligned frames show. */
function tagging(frameSize: number) {
  const frames: number[][] = [];
  const processFrame = (frame: Float32Array) => {
    frames.push(Array.from(frame));
    for (let i = 0; i < frame.length; i++) frame[i] = frame[i] * 2 + 0.5;
  };
  return { frames, processFrame, frameSize };
}

/** Sample i carries i + 1, wrapped so that value·2 + 0.5 stays exact in float32. */
const tag = (i: number) => (i % 2 ** 20) + 1;

/** Streams `total` samples (sample i = tag(i)) in blocks from `nextBlock`; returns the output. */
function run(ring: FrameRing, total: number, nextBlock: (i: number) => number, processFrame: (f: Float32Array) => void): Float32Array {
  const out = new Float32Array(total);
  let at = 0;
  for (let b = 0; at < total; b++) {
    const size = Math.min(nextBlock(b), total - at);
    const input = Float32Array.from({ length: size }, (_, i) => tag(at + i));
    const output = new Float32Array(size);
    ring.process(input, output, processFrame);
    out.set(output, at);
    at += size;
  }
  return out;
}

function expectDelayedProcessed(out: Float32Array, latency: number) {
  for (let i = 0; i < out.length; i++) {
    const expected = i < latency ? 0 : tag(i - latency) * 2 + 0.5;
    if (out[i] !== expected) throw new Error(`sample ${i}: ${out[i]} instead of ${expected}`);
  }
}

describe("FrameRing", () => {
  it("turns 128-sample quanta into 480-sample frames with the minimum latency (448)", () => {
    const latency = minimumLatency(480, 128);
    expect(latency).toBe(448);
    const ring = new FrameRing(480, latency);
    const model = tagging(480);
    const out = run(ring, 48_000, () => 128, model.processFrame);
    expectDelayedProcessed(out, latency);
    // Frames are consecutive runs of the input: frame k is samples k·480+1 … (k+1)·480.
    expect(model.frames.length).toBe(100);
    model.frames.forEach((frame, k) => {
      expect(frame[0]).toBe(k * 480 + 1);
      expect(frame[479]).toBe((k + 1) * 480);
    });
  });

  it("works for odd block sizes, blocks longer than a frame, and one sample at a time", () => {
    for (const block of [1, 7, 127, 129, 333, 480, 481, 1000, 2048]) {
      const latency = minimumLatency(480, block);
      const model = tagging(480);
      const total = block * Math.ceil(20_000 / block); // whole blocks only: the latency is for that size
      const out = run(new FrameRing(480, latency), total, () => block, model.processFrame);
      expectDelayedProcessed(out, latency);
      expect(model.frames.length).toBe(Math.floor(total / 480));
    }
  });

  it("keeps exact alignment over a long run of randomly sized blocks with the default latency", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const ring = new FrameRing(480);
    expect(ring.latency).toBe(479);
    const model = tagging(480);
    // Three minutes at 48 kHz.
    const out = run(ring, 48_000 * 180, () => 1 + Math.floor(random() * 1500), model.processFrame);
    expectDelayedProcessed(out, 479);
  }, 60_000);

  it("refuses to play a gap when the latency is too short for the blocks", () => {
    const ring = new FrameRing(480, 100);
    const model = tagging(480);
    expect(() => run(ring, 4800, () => 128, model.processFrame)).toThrow(/too short/);
  });

  it("a frame the size of the block needs no latency", () => {
    expect(minimumLatency(128, 128)).toBe(0);
    const model = tagging(128);
    expectDelayedProcessed(run(new FrameRing(128, 0), 1280, () => 128, model.processFrame), 0);
  });

  it("rejects nonsense sizes", () => {
    expect(() => new FrameRing(0)).toThrow(RangeError);
    expect(() => new FrameRing(480, -1)).toThrow(RangeError);
    expect(() => new FrameRing(480).process(new Float32Array(4), new Float32Array(3), () => {})).toThrow(RangeError);
  });
});
