/**
 * onnxruntime-web as the browser loads it: copied from the package into public/ort/ by
 * scripts/copy-browser-assets.ts and imported by URL in the AI workers (bundlers mangle its
 * worker and .wasm lookups). `ort.all` carries both execution providers, WebGPU and WASM.
 */
export const ORT_ASSET_DIR = "/ort";
export const ORT_FILES = [
  "ort.all.min.mjs",
  "ort-wasm-simd-threaded.jsep.mjs",
  "ort-wasm-simd-threaded.jsep.wasm",
  "ort-wasm-simd-threaded.mjs",
  "ort-wasm-simd-threaded.wasm",
] as const;
