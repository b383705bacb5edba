import { describe, expect, it } from "vitest";
import { DTLN_DELAY_HOPS, DTLN_MAX_MEAN_MS, DTLN_MAX_P95_MS, canAffordDtln } from "./dtln-protocol";

const timing = (meanMs: number, p95Ms: number) => ({ hops: 250, meanMs, medianMs: meanMs, p95Ms, cpuMsPerAudioSecond: meanMs * 125 });

describe("DTLN's affordability check", () => {
  it("allows half a core on average and spikes up to half the worklet's 32 ms deadline", () => {
    expect(DTLN_DELAY_HOPS).toBe(3);
    expect(DTLN_MAX_MEAN_MS).toBe(4);
    expect(DTLN_MAX_P95_MS).toBe(16);
  });

  it.each([
    ["an idle 2-core VM (measured: no underruns in real time)", timing(1.9, 7), true],
    ["the same VM running the end-to-end suite", timing(14, 108), false],
    ["a device steadily at 5 ms per 8 ms hop", timing(5, 6), false],
    ["a device right at the limits", timing(4, 16), true],
  ])("%s", (_name, measured, affordable) => {
    expect(canAffordDtln(measured)).toBe(affordable);
  });
});
