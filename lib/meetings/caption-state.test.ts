import { describe, expect, it } from "vitest";
import { liveCaptions, mergeCaption, mergeStoredCaptions, type CaptionEntry } from "./caption-state";
import type { CaptionSignal } from "./captions";

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, s)).toISOString();
const caption = (over: Partial<CaptionSignal>): CaptionSignal => ({
  segmentId: "s1",
  identity: "ada",
  name: "Ada",
  language: "en",
  final: false,
  startedAt: at(0),
  endedAt: at(2),
  text: "ask",
  ...over,
});

describe("mergeCaption", () => {
  it("replaces a segment's partials with newer text and then its final", () => {
    let list: CaptionEntry[] = [];
    list = mergeCaption(list, caption({ text: "ask" }), 1);
    list = mergeCaption(list, caption({ text: "ask not what" }), 2);
    list = mergeCaption(list, caption({ text: "Ask not what your country can do for you.", final: true, endedAt: at(4) }), 3);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ text: "Ask not what your country can do for you.", final: true, receivedAt: 3 });
  });

  it("ignores a partial that arrives after its final", () => {
    let list = mergeCaption([], caption({ text: "final words", final: true }), 1);
    list = mergeCaption(list, caption({ text: "final wo" }), 2);
    expect(list[0]).toMatchObject({ text: "final words", final: true });
  });

  it("keeps segments in speaking order, and tells speakers apart even with the same segment id", () => {
    let list = mergeCaption([], caption({ segmentId: "b", startedAt: at(10), text: "second" }), 1);
    list = mergeCaption(list, caption({ segmentId: "a", startedAt: at(5), text: "first", final: true }), 2);
    list = mergeCaption(list, caption({ segmentId: "a", identity: "bo", name: "Bo", startedAt: at(7), text: "其他人" }), 3);
    expect(list.map((e) => e.text)).toEqual(["first", "其他人", "second"]);
  });
});

describe("mergeStoredCaptions", () => {
  it("adds the stored transcript once, as final, without touching live finals", () => {
    const live = mergeCaption([], caption({ segmentId: "x", text: "live final", final: true, startedAt: at(20) }), 50);
    const stored = [
      { ...caption({ segmentId: "x", text: "live final", startedAt: at(20) }) },
      { ...caption({ segmentId: "y", text: "earlier", startedAt: at(1) }) },
    ].map(({ final: _final, ...rest }) => rest);
    const merged = mergeStoredCaptions(mergeStoredCaptions(live, stored), stored);
    expect(merged.map((e) => [e.segmentId, e.final, e.receivedAt])).toEqual([["y", true, 0], ["x", true, 50]]);
  });
});

describe("liveCaptions", () => {
  const options = { holdMs: 5000, staleMs: 10_000, maxLines: 2 };
  it("shows each speaker's latest fresh line, oldest first, at most maxLines", () => {
    let list: CaptionEntry[] = [];
    list = mergeCaption(list, caption({ segmentId: "1", text: "old", final: true, startedAt: at(0) }), 0);
    list = mergeCaption(list, caption({ segmentId: "2", text: "newer", final: true, startedAt: at(3) }), 9000);
    list = mergeCaption(list, caption({ segmentId: "3", identity: "bo", text: "bo speaks", startedAt: at(4) }), 9500);
    list = mergeCaption(list, caption({ segmentId: "4", identity: "cy", text: "cy speaks", startedAt: at(5) }), 9600);
    expect(liveCaptions(list, 10_000, options).map((e) => e.text)).toEqual(["bo speaks", "cy speaks"]);
    expect(liveCaptions(list, 10_000, { ...options, maxLines: 3 }).map((e) => e.text)).toEqual(["newer", "bo speaks", "cy speaks"]);
  });

  it("lets finished lines fade after holdMs and stuck partials after staleMs", () => {
    const list = [mergeCaption([], caption({ text: "done", final: true }), 0)[0], mergeCaption([], caption({ identity: "bo", text: "stuck" }), 0)[0]];
    expect(liveCaptions(list, 4000, options).map((e) => e.text)).toEqual(["done", "stuck"]);
    expect(liveCaptions(list, 6000, options).map((e) => e.text)).toEqual(["stuck"]);
    expect(liveCaptions(list, 11_000, options)).toEqual([]);
  });
});
