import { describe, expect, it } from "vitest";
import { BYPASS_STAGE, DtlnBlocks, type DtlnStage } from "./dtln-blocks";
import { DTLN_DELAY_HOPS, DTLN_HOP } from "./dtln-protocol";

const speechLike = (n: number) => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin(i * 0.05) + 0.2 * Math.sin(i * 0.31 + 1) + 0.05 * Math.sin(i * 1.7));

async function run(blocks: DtlnBlocks, signal: Float32Array): Promise<Float32Array> {
  const out = new Float32Array(signal.length);
  for (let at = 0; at + DTLN_HOP <= signal.length; at += DTLN_HOP) out.set(await blocks.process(signal.subarray(at, at + DTLN_HOP)), at);
  return out;
}

describe("DtlnBlocks", () => {
  it("with the identity stages, gives back every input sample 384 samples (three hops) later", async () => {
    const input = speechLike(DTLN_HOP * 40);
    const output = await run(new DtlnBlocks(BYPASS_STAGE), input);
    const delay = DTLN_DELAY_HOPS * DTLN_HOP;
    expect(delay).toBe(384);
    for (let i = 0; i < delay; i++) expect(Math.abs(output[i])).toBeLessThan(1e-6);
    let worst = 0;
    for (let i = delay; i < input.length; i++) worst = Math.max(worst, Math.abs(output[i] - input[i - delay]));
    expect(worst).toBeLessThan(1e-6);
  });

  it("hands the stages the magnitude of the 512-sample block and applies the mask to its spectrum", async () => {
    const seen: Float32Array[] = [];
    // Mask out everything above bin 64 (2 kHz): a 250 Hz tone stays, a 5 kHz tone goes.
    const lowPass: DtlnStage = {
      mask: (magnitude) => {
        seen.push(magnitude.slice());
        return magnitude.map((_, k) => (k <= 64 ? 1 : 0));
      },
      transform: BYPASS_STAGE.transform,
    };
    const n = DTLN_HOP * 60;
    const low = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 250 * i) / 16_000));
    const mixed = low.map((v, i) => v + 0.5 * Math.sin((2 * Math.PI * 5000 * i) / 16_000));
    const output = await run(new DtlnBlocks(lowPass), mixed);
    expect(seen[0].length).toBe(257);
    // The 250 Hz tone sits in bin 8 (250 / 31.25): the magnitude of a full block shows it there.
    const full = seen[10];
    expect(full.indexOf(Math.max(...full.subarray(0, 100)))).toBe(8);
    const delay = 384;
    let err = 0;
    let energy = 0;
    for (let i = 1024; i < n; i++) {
      err += (output[i] - low[i - delay]) ** 2;
      energy += low[i - delay] ** 2;
    }
    expect(10 * Math.log10(energy / err)).toBeGreaterThan(40);
  });

  it("refuses a hop of the wrong size", async () => {
    await expect(new DtlnBlocks(BYPASS_STAGE).process(new Float32Array(100))).rejects.toThrow(/128-sample hops/);
  });
});
