import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import { modelById } from "@/lib/ai/manifest";
import type { OrtLike, OrtSession } from "@/lib/ai/silero-vad";
import { DtlnBlocks } from "./dtln-blocks";
import fixture from "./dtln.fixture.json";
import { OrtDtlnStage } from "./dtln-ort";
import type { DtlnModelFile } from "./dtln-protocol";

/** The fixture's signal (models/dtln/make-fixture.py builds the same, in float32). */
function signal(): Float32Array {
  let seed = 1;
  return Float32Array.from({ length: fixture.samples }, (_, i) => {
    const t = i / 16_000;
    seed = (seed * 48271) % 2147483647;
    return 0.3 * Math.sin(2 * Math.PI * (200 * t + 3000 * t * t)) + 0.1 * ((seed / 2147483647) * 2 - 1);
  });
}

async function loadStage(): Promise<OrtDtlnStage> {
  ort.env.wasm.numThreads = 1;
  const load = async (id: string) => {
    const entry = modelById(id);
    const session = await ort.InferenceSession.create(readFileSync(entry.checkedIn!.path), { executionProviders: ["wasm"] });
    const [input, states] = entry.inputs.map((t) => t.name);
    const [output, statesOut] = entry.outputs.map((t) => t.name);
    return { session: session as unknown as OrtSession, names: { input, states, output, statesOut } satisfies Omit<DtlnModelFile, "url"> };
  };
  const [one, two] = await Promise.all([load("dtln-model-1"), load("dtln-model-2")]);
  return new OrtDtlnStage(ort as unknown as OrtLike, [one.session, two.session], [one.names, two.names]);
}

describe("DTLN on onnxruntime-web with the app's framing", () => {
  it("gives what the original TFLite files give, block by block (models/dtln/make-fixture.py)", async () => {
    const blocks = new DtlnBlocks(await loadStage());
    const input = signal();
    const output = new Float32Array(input.length);
    for (let at = 0; at + 128 <= input.length; at += 128) output.set(await blocks.process(input.subarray(at, at + 128)), at);
    let worst = 0;
    let level = 0;
    fixture.output.forEach((expected, k) => {
      worst = Math.max(worst, Math.abs(output[k * fixture.every] - expected));
      level = Math.max(level, Math.abs(expected));
    });
    console.log(`[dtln parity] onnxruntime-web + lib/audio/dtln-blocks.ts vs TFLite: max difference ${worst.toExponential(2)} (peak ${level.toFixed(3)})`);
    // Denoised (quieter than the input), and the same signal to float32 rounding.
    expect(level).toBeGreaterThan(0.05);
    expect(worst).toBeLessThan(1e-5);
  }, 30_000);
});
