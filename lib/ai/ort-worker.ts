/**
 * onnxruntime-web as the AI workers load it: imported by URL from /ort (lib/ai/assets.ts), its
 * .wasm files found beside it, threads only where the page is cross-origin isolated. Shared by
 * workers/browser/vad.worker.ts and asr.worker.ts.
 */
import type { OrtLike, OrtSession } from "./silero-vad";

export type WorkerOrt = OrtLike & {
  InferenceSession: { create(model: Uint8Array, options: { executionProviders: string[] }): Promise<OrtSession> };
  env: { wasm: { numThreads: number; wasmPaths: string } };
};

export async function importOrt(ortUrl: string): Promise<WorkerOrt> {
  const ort = (await import(/* webpackIgnore: true */ ortUrl)) as WorkerOrt;
  ort.env.wasm.wasmPaths = ortUrl.slice(0, ortUrl.lastIndexOf("/") + 1);
  // Threads need cross-origin isolation (COOP/COEP), which embeds cannot have: one thread then.
  ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  return ort;
}

/** Whether this browser offers a WebGPU adapter at all (validation against WASM comes after). */
export async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  return Boolean(gpu && (await gpu.requestAdapter().catch(() => null)));
}
