import { describe, expect, it } from "vitest";
import { VadSegmenter, type VadEvent } from "./vad-segmenter";

/** Runs probabilities through a segmenter and collects every event. */
function run(probabilities: number[], segmenter = new VadSegmenter()): VadEvent[] {
  return [...probabilities.flatMap((p) => segmenter.push(p)), ...segmenter.flush()];
}
const repeat = (p: number, n: number) => Array.from({ length: n }, () => p);

describe("VadSegmenter (32 ms frames)", () => {
  it("finds one sentence with its pre-roll, and ends it where the silence began", () => {
    const events = run([...repeat(0.05, 50), ...repeat(0.9, 40), ...repeat(0.02, 30)]);
    expect(events).toEqual([
      { type: "start", startFrame: 44 }, // 6 frames (192 ms) of pre-roll before frame 50
      { type: "end", startFrame: 44, endFrame: 90, cut: false },
    ]);
  });

  it("keeps a short pause (a breath) inside the sentence, and the hysteresis holds it together", () => {
    const events = run([...repeat(0.9, 20), ...repeat(0.1, 10), ...repeat(0.4, 5), ...repeat(0.9, 20), ...repeat(0.0, 20)]);
    expect(events.filter((e) => e.type === "end")).toEqual([{ type: "end", startFrame: 0, endFrame: 55, cut: false }]);
  });

  it("drops a click or a cough shorter than 250 ms", () => {
    expect(run([...repeat(0, 10), ...repeat(0.95, 3), ...repeat(0, 30)])).toEqual([
      { type: "start", startFrame: 4 },
      { type: "misfire", startFrame: 4 },
    ]);
  });

  it("cuts a monologue every 15 s so captions keep coming, without losing a frame", () => {
    const events = run([...repeat(0.9, 1000), ...repeat(0, 20)]);
    const ends = events.filter((e): e is Extract<VadEvent, { type: "end" }> => e.type === "end");
    expect(ends.map((e) => e.cut)).toEqual([true, true, false]);
    // Contiguous: each segment starts where the previous one ended.
    for (let i = 1; i < ends.length; i++) expect(ends[i].startFrame).toBe(ends[i - 1].endFrame);
    expect(ends[0].startFrame).toBe(0);
    expect(ends[ends.length - 1].endFrame).toBe(1000);
  });

  it("closes a segment that is still running when the stream ends", () => {
    expect(run([...repeat(0.9, 30)])).toEqual([
      { type: "start", startFrame: 0 },
      { type: "end", startFrame: 0, endFrame: 30, cut: false },
    ]);
  });

  it("refuses an end threshold above the start threshold", () => {
    expect(() => new VadSegmenter({ startThreshold: 0.3, endThreshold: 0.5 })).toThrow(RangeError);
  });
});
