/**
 * Which onnxruntime-web execution provider runs a model: WebGPU only when the browser has an
 * adapter, the manifest allows it for that model, and the model's WebGPU output matches its WASM
 * output on a reference input (one WebGPU build was seen returning wrong numbers); WASM otherwise.
 * Pure, so the rule is unit tested; the worker supplies the facts.
 */
export type Provider = "webgpu" | "wasm";

/** Largest absolute difference between two outputs (Infinity when their shapes differ). */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= max)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}

export type ProviderChoice = { provider: Provider; reason: "no-webgpu" | "wasm-only-model" | "webgpu-validated" | "webgpu-mismatch" | "webgpu-failed"; difference?: number };

export function chooseProvider({
  allowed,
  hasWebGpu,
  validation,
  tolerance = 1e-3,
}: {
  allowed: readonly Provider[];
  hasWebGpu: boolean;
  /** The reference run: both outputs, or the error WebGPU threw. Absent when WebGPU was not tried. */
  validation?: { wasm: ArrayLike<number>; webgpu: ArrayLike<number> } | { error: string };
  tolerance?: number;
}): ProviderChoice {
  if (!allowed.includes("webgpu")) return { provider: "wasm", reason: "wasm-only-model" };
  if (!hasWebGpu || !validation) return { provider: "wasm", reason: "no-webgpu" };
  if ("error" in validation) return { provider: "wasm", reason: "webgpu-failed" };
  const difference = maxAbsDifference(validation.wasm, validation.webgpu);
  return difference <= tolerance ? { provider: "webgpu", reason: "webgpu-validated", difference } : { provider: "wasm", reason: "webgpu-mismatch", difference };
}
