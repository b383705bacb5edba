/// <reference lib="webworker" />
/**
 * DTLN noise suppression in a worker: the two ONNX stages (models/manifest.json "dtln-model-1",
 * "dtln-model-2") on onnxruntime-web (WASM), fed 16 kHz hops by the DTLN AudioWorklet over a
 * MessagePort and answering each with its denoised hop (lib/audio/dtln-blocks.ts does the framing).
 * Before audio flows it times the models on a reference signal, so the page can tell whether this
 * device keeps up. Bundled by scripts/build-workers.ts to DTLN_WORKER_PATH; onnxruntime-web is
 * imported from /ort by URL. Protocol: lib/audio/dtln-protocol.ts.
 */
import { importOrt, type WorkerOrt } from "../../lib/ai/ort-worker";
import type { OrtSession } from "../../lib/ai/silero-vad";
import { BYPASS_STAGE, DtlnBlocks, type DtlnStage } from "../../lib/audio/dtln-blocks";
import { OrtDtlnStage } from "../../lib/audio/dtln-ort";
import { DTLN_HOP, DTLN_RATE, type DtlnHop, type DtlnModelFile, type DtlnTiming, type DtlnWorkerRequest, type DtlnWorkerResponse } from "../../lib/audio/dtln-protocol";

declare const self: DedicatedWorkerGlobalScope;

let model: { ort: WorkerOrt; sessions: [OrtSession, OrtSession]; names: [DtlnModelFile, DtlnModelFile] } | null = null;
let queue: Promise<void> = Promise.resolve();
const post = (message: DtlnWorkerResponse) => self.postMessage(message);

async function init(request: Extract<DtlnWorkerRequest, { type: "init" }>) {
  const started = performance.now();
  const ort = await importOrt(request.ortUrl);
  // Two LSTM steps of 128 units every 8 ms: handing each to other threads costs more than it saves.
  ort.env.wasm.numThreads = 1;
  const load = async (file: DtlnModelFile) => ort.InferenceSession.create(new Uint8Array(await (await fetch(file.url)).arrayBuffer()), { executionProviders: ["wasm"] });
  const sessions = (await Promise.all(request.models.map(load))) as [OrtSession, OrtSession];
  model = { ort, sessions, names: request.models };
  const timing = request.benchHops > 0 ? await bench(request.benchHops) : null;
  const blocks = new DtlnBlocks(request.bypass ? BYPASS_STAGE : newStage());
  const port = request.port;
  port.onmessage = (event: MessageEvent<DtlnHop>) => {
    const { seq, samples } = event.data;
    // In order, one at a time: the LSTM states run from hop to hop.
    queue = queue
      .then(async () => {
        const out = await blocks.process(samples);
        port.postMessage({ type: "hop", seq, samples: out } satisfies DtlnHop, [out.buffer]);
      })
      .catch((error: unknown) => post({ type: "error", message: error instanceof Error ? error.message : String(error) }));
  };
  post({ type: "ready", loadMs: Math.round(performance.now() - started), timing });
}

function newStage(): DtlnStage {
  if (!model) throw new Error("Not initialised");
  return new OrtDtlnStage(model.ort, model.sessions, model.names);
}

/** A reference input: a voiced, vowel-like sound in white noise (the models' cost does not depend on it much). */
function referenceHop(index: number): Float32Array {
  let seed = index * 7919 + 1;
  return Float32Array.from({ length: DTLN_HOP }, (_, i) => {
    const t = (index * DTLN_HOP + i) / DTLN_RATE;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return 0.2 * Math.sin(2 * Math.PI * 150 * t) + 0.1 * Math.sin(2 * Math.PI * 900 * t) + 0.05 * (seed / 0x7fffffff - 0.5);
  });
}

/** Hops run before timing: WASM starts in its baseline compiler; the first ~50 hops were up to twice as slow. */
const WARM_UP_HOPS = 50;

/** Times `hops` hops through the models (and FFTs) on fresh states, after the warm-up. */
async function bench(hops: number): Promise<DtlnTiming> {
  const blocks = new DtlnBlocks(newStage());
  const times: number[] = [];
  for (let i = 0; i < hops + WARM_UP_HOPS; i++) {
    const started = performance.now();
    await blocks.process(referenceHop(i));
    if (i >= WARM_UP_HOPS) times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const round = (n: number) => Number(n.toFixed(3));
  return { hops, meanMs: round(mean), medianMs: round(sorted[Math.floor(sorted.length / 2)]), p95Ms: round(sorted[Math.floor(sorted.length * 0.95)]), cpuMsPerAudioSecond: round((mean * DTLN_RATE) / DTLN_HOP) };
}

self.onmessage = (event: MessageEvent<DtlnWorkerRequest>) => {
  const request = event.data;
  queue = queue
    .then(async () => {
      if (request.type === "init") await init(request);
    })
    .catch((error: unknown) => post({ type: "error", message: error instanceof Error ? error.message : String(error) }));
};
