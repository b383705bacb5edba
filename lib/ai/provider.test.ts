import { describe, expect, it } from "vitest";
import { chooseProvider, maxAbsDifference } from "./provider";

describe("chooseProvider", () => {
  const same = { wasm: [0.1, 0.2, 0.3], webgpu: [0.1, 0.2000004, 0.3] };
  it("uses WebGPU only when the adapter exists, the model allows it and its output matches WASM", () => {
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: true, validation: same })).toMatchObject({ provider: "webgpu", reason: "webgpu-validated" });
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: false, validation: same })).toMatchObject({ provider: "wasm", reason: "no-webgpu" });
    expect(chooseProvider({ allowed: ["wasm"], hasWebGpu: true, validation: same })).toMatchObject({ provider: "wasm", reason: "wasm-only-model" });
  });

  it("falls back to WASM when WebGPU gives different numbers, NaN, another shape, or fails", () => {
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: true, validation: { wasm: [0.1, 0.2], webgpu: [0.1, 0.25] } })).toMatchObject({ provider: "wasm", reason: "webgpu-mismatch", difference: expect.closeTo(0.05, 6) });
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: true, validation: { wasm: [0.1], webgpu: [Number.NaN] } }).provider).toBe("wasm");
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: true, validation: { wasm: [0.1], webgpu: [0.1, 0.2] } }).provider).toBe("wasm");
    expect(chooseProvider({ allowed: ["webgpu", "wasm"], hasWebGpu: true, validation: { error: "device lost" } })).toMatchObject({ provider: "wasm", reason: "webgpu-failed" });
  });

  it("measures the largest difference", () => {
    expect(maxAbsDifference([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDifference([], [])).toBe(0);
  });
});
