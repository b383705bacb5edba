import { loadavg } from "node:os";
import type { Page } from "@playwright/test";
import { modelById } from "../../lib/ai/manifest";
import { dtlnAssetUrls } from "../../lib/audio/dtln-assets";
import { DTLN_DEFAULT_WAIT_QUANTA, DTLN_MAX_MEAN_MS, DTLN_MAX_P95_MS, canAffordDtln, type DtlnTiming } from "../../lib/audio/dtln-protocol";
import { RUN_DTLN_IN_PAGE, type DtlnPageResult } from "../../tests/helpers/dtln-page";
import type { NoisyMixture } from "../../tests/helpers/noisy-speech";
import { toBase64 } from "../../tests/helpers/ns-page";

/** The worker's own timing of `hops` hops (model_1 + model_2 + FFTs), as the affordability check runs it. */
const TIME_WORKER_IN_PAGE = `async ({ workerUrl, ortUrl, models, hops }) => {
  const worker = new Worker(workerUrl, { type: "module" });
  const channel = new MessageChannel();
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = (e) => (e.data.type === "ready" ? resolve(e.data) : e.data.type === "error" ? reject(new Error(e.data.message)) : null);
      worker.postMessage({ type: "init", ortUrl, models, benchHops: hops, port: channel.port1 }, [channel.port1]);
    });
  } finally { worker.terminate(); }
}`;

/** The worklet's own cost (resampling 48 ↔ 16 kHz, scheduling) with no worker: an offline render where every hop passes through. */
const TIME_WORKLET_IN_PAGE = `async ({ workletUrl, seconds }) => {
  const rate = 48000;
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: seconds * rate, sampleRate: rate });
  await context.audioWorklet.addModule(workletUrl);
  const node = new AudioWorkletNode(context, "parley-dtln", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: "explicit" });
  const noise = context.createBuffer(1, rate, rate);
  const data = noise.getChannelData(0);
  for (let i = 0; i < rate; i++) data[i] = Math.random() * 0.2 - 0.1;
  const player = context.createBufferSource();
  player.buffer = noise;
  player.loop = true;
  player.connect(node).connect(context.destination);
  player.start();
  const started = performance.now();
  await context.startRendering();
  return performance.now() - started;
}`;

/**
 * DTLN's CPU per second of audio (the worker's models and FFTs, plus the worklet's resampling),
 * and a real-time run in Chromium on `mix` with the room's settings: how many hops missed their
 * deadline (underruns, passed through undenoised) on this machine as loaded as it is.
 */
export async function benchDtln(page: Page, origin: string, mix: NoisyMixture, seconds: number) {
  const urls = dtlnAssetUrls(origin);
  const runs: DtlnTiming[] = [];
  for (let run = 0; run < 3; run++) runs.push(((await page.evaluate(`(${TIME_WORKER_IN_PAGE})(${JSON.stringify({ ...urls, hops: 1000 })})`)) as { timing: DtlnTiming }).timing);
  const worker = [...runs].sort((a, b) => a.cpuMsPerAudioSecond - b.cpuMsPerAudioSecond)[1];
  const workletMs: number[] = [];
  for (let run = 0; run < 4; run++) workletMs.push((await page.evaluate(`(${TIME_WORKLET_IN_PAGE})(${JSON.stringify({ workletUrl: urls.workletUrl, seconds })})`)) as number);
  const worklet = workletMs.slice(1).sort((a, b) => a - b)[1] / seconds;
  const loadBefore = loadavg()[0];
  const live = (await page.evaluate(`(${RUN_DTLN_IN_PAGE})(${JSON.stringify({ ...urls, input: toBase64(mix.mixture), benchHops: 250 })})`)) as DtlnPageResult;
  const round = (n: number, digits = 2) => Number(n.toFixed(digits));
  return {
    model: { ids: ["dtln-model-1", "dtln-model-2"], sizeBytes: modelById("dtln-model-1").sizeBytes + modelById("dtln-model-2").sizeBytes, source: modelById("dtln-model-1").source },
    provider: "wasm (single thread)",
    webgpu: { skipped: "two LSTM steps every 8 ms: a GPU round trip per step costs more than the step" },
    hopMs: 8,
    worker: { hops: worker.hops, meanMsPerHop: worker.meanMs, medianMsPerHop: worker.medianMs, p95MsPerHop: worker.p95Ms, cpuMsPerAudioSecond: worker.cpuMsPerAudioSecond, runsCpuMsPerAudioSecond: runs.map((r) => r.cpuMsPerAudioSecond) },
    worklet: { cpuMsPerAudioSecond: round(worklet), timing: "offline render with no worker connected (every hop passed through): resampling and scheduling" },
    cpuMsPerAudioSecond: round(worker.cpuMsPerAudioSecond + worklet),
    realTimeFactor: round((worker.cpuMsPerAudioSecond + worklet) / 1000, 4),
    affordability: { rule: `mean per hop ≤ ${DTLN_MAX_MEAN_MS} ms and p95 ≤ ${DTLN_MAX_P95_MS} ms`, meanMsPerHop: worker.meanMs, p95MsPerHop: worker.p95Ms, affordable: canAffordDtln(worker) },
    realTime: {
      input: "LibriSpeech 7729-102255-0000 in white noise at 5 dB SNR, played once in a real-time AudioContext",
      waitQuanta: DTLN_DEFAULT_WAIT_QUANTA,
      latencyMs: round((live.latencySamples / 48_000) * 1000, 1),
      hops: live.stats.hops,
      underruns: live.stats.underruns,
      startupCheck: live.timing,
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) },
    },
  };
}
