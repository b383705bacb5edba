import type { Page } from "@playwright/test";
import { beforeAll, describe, expect, it } from "vitest";
import { dtlnAssetUrls } from "@/lib/audio/dtln-assets";
import { DTLN_DEFAULT_WAIT_QUANTA } from "@/lib/audio/dtln-protocol";
import { DtlnStream, minimumFifoDelay } from "@/lib/audio/dtln-stream";
import { advance, bestLag, scoreSuppression } from "@/lib/audio/suppression-metrics";
import { repoRoot } from "../../scripts/lib/paths";
import { RUN_DTLN_IN_PAGE, RUN_DTLN_PACED_IN_PAGE, decodeDtlnResult, type DtlnPacedResult, type DtlnPageResult } from "../helpers/dtln-page";
import { MixtureMaker } from "../helpers/noisy-speech";
import { fromBase64, toBase64 } from "../helpers/ns-page";
import { useWorkerPages } from "../helpers/worker-pages";

/**
 * DTLN as the room runs it (public/workers/dtln.worker.js with onnxruntime-web from /ort and the
 * checked-in ONNX files from /models, public/workers/dtln.worklet.js between them), in Debian
 * Chromium at 48 kHz: in real time with the models bypassed (timing and sample order), and paced by
 * the worker in an OfflineAudioContext on sox mixtures of real speech and noise (what DTLN does to
 * them, whatever else this machine is busy with; bench:audio-ai measures the speed).
 */
let page: Page;
const maker = new MixtureMaker(repoRoot);
const pages = useWorkerPages({ workers: ["dtln.worker.ts", "dtln.worklet.ts"], timeoutMs: 600_000 });

beforeAll(async () => {
  page = await pages.browser.newPage();
  page.on("console", (m) => m.type() === "error" && console.error(`[page] ${m.text()}`));
  await page.goto(`${pages.origin}/`);
});

async function play(samples: Float32Array, options: { bypass?: boolean; waitQuanta?: number }) {
  const urls = dtlnAssetUrls(pages.origin);
  const args = { workerUrl: urls.workerUrl, workletUrl: urls.workletUrl, ortUrl: urls.ortUrl, models: urls.models, input: toBase64(samples), benchHops: 100, ...options };
  const result = (await page.evaluate(`(${RUN_DTLN_IN_PAGE})(${JSON.stringify(args)})`)) as DtlnPageResult;
  return { ...result, ...decodeDtlnResult(result, samples.length) };
}

async function denoise(samples: Float32Array) {
  const urls = dtlnAssetUrls(pages.origin);
  const args = { workerUrl: urls.workerUrl, workletUrl: urls.workletUrl, ortUrl: urls.ortUrl, models: urls.models, input: toBase64(samples), waitQuanta: DTLN_DEFAULT_WAIT_QUANTA };
  const result = (await page.evaluate(`(${RUN_DTLN_PACED_IN_PAGE})(${JSON.stringify(args)})`)) as DtlnPacedResult;
  return { ...result, output: fromBase64(result.output) };
}

/** Largest difference between two signals of the same length. */
function largestDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * What the worklet's stream gives for the captured input, run in Node, when the worklet began
 * `shift` render quanta before the capture did (after it, when negative); all other hops are
 * underruns there, which pass the input through exactly as the bypassed worker does.
 */
function streamedInNode(raw: Float32Array, shift: number): Float32Array {
  const lead = Math.abs(shift) * 128;
  const input = shift >= 0 ? new Float32Array(lead + raw.length) : raw.slice(lead);
  if (shift >= 0) input.set(raw, lead);
  const out = new Float32Array(input.length);
  const stream = new DtlnStream({ quantum: 128, waitQuanta: DTLN_DEFAULT_WAIT_QUANTA, send: () => {} });
  for (let at = 0; at + 128 <= input.length; at += 128) stream.process(input.subarray(at, at + 128), out.subarray(at, at + 128));
  if (shift >= 0) return out.slice(lead);
  const aligned = new Float32Array(raw.length);
  aligned.set(out, lead);
  return aligned;
}

describe("DTLN worker and worklet in Chromium", () => {
  it("passes every sample through the resamplers, the worker and back, in order, with a fixed latency (models bypassed)", async () => {
    const mix = maker.make("librispeech", "pink", 10);
    const result = await play(mix.mixture, { bypass: true });
    expect(result.blockSize).toBe(128);
    expect(result.latencySamples).toBe(minimumFifoDelay(128, DTLN_DEFAULT_WAIT_QUANTA) + 1152);
    // The capture heard the clip as it was played (Chromium's playback may be off in the last bits)…
    expect(largestDifference(result.played, mix.mixture)).toBeLessThan(1e-6);
    // …and the worklet's output is exactly what the same stream gives in Node for that input:
    // a 16 kHz round trip of every input sample, `latencySamples` later (no gap, no repeat, no shift).
    // The worklet's processor and the capture's may start a few render quanta apart on the audio
    // thread, which moves where the 3:1 resampler picks its samples: try each start, keep the best.
    const fits = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((shift) => ({ shift, worst: largestDifference(result.output, streamedInNode(result.raw, shift)) }));
    const { shift, worst } = fits.reduce((best, fit) => (fit.worst < best.worst ? fit : best));
    console.log(`[dtln bypass] ${result.stats.hops} hops, ${result.stats.underruns} underruns, latency ${result.latencySamples} samples, max difference ${worst.toExponential(2)} (worklet started ${shift} quanta before the capture)`);
    expect(worst).toBeLessThan(1e-5);
    expect(result.stats.hops).toBeGreaterThan(Math.floor(mix.mixture.length / 384) - 10);
  }, 120_000);

  // Minimum noise reduction per mixture: sox draws new noise each run, and DTLN's residual in the
  // noise-only stretches varies with it (pink at 0 dB: 16–25 dB seen; eval:ns averages 18 for pink).
  for (const [speech, noise, snrDb, minReductionDb] of [
    ["librispeech", "white", 5, 20],
    ["librispeech", "pink", 0, 12],
  ] as const) {
    it(`takes the noise down and keeps the speech: ${speech} speech in ${noise} noise at ${snrDb} dB SNR`, async () => {
      const mix = maker.make(speech, noise, snrDb);
      const result = await denoise(mix.mixture);
      expect(result.latencySamples).toBe(minimumFifoDelay(128, DTLN_DEFAULT_WAIT_QUANTA) + 1152);
      // Paced by the worker, no hop may miss its deadline: every one is DTLN's.
      expect(result.stats.underruns).toBe(0);
      expect(result.stats.hops).toBeGreaterThan(Math.floor(mix.mixture.length / 384));
      // The latency the worklet reports is the whole delay: DTLN's own is in it.
      const lag = bestLag(mix.clean, result.output);
      expect(Math.abs(lag)).toBeLessThanOrEqual(2);
      const score = scoreSuppression({ clean: mix.clean, mixture: mix.mixture, output: advance(result.output, lag), noiseOnly: mix.noiseOnly });
      console.log(`[dtln ${speech}+${noise}@${snrDb}] noise −${score.noiseReductionDb.toFixed(1)} dB, speech ${score.speechLevelChangeDb.toFixed(1)} dB, SNR +${score.snrImprovementDb.toFixed(1)} dB, lag ${lag}`);
      expect(score.noiseReductionDb).toBeGreaterThan(minReductionDb);
      expect(Math.abs(score.speechLevelChangeDb)).toBeLessThan(2);
      expect(score.snrImprovementDb).toBeGreaterThan(8);
      // Paced by the worker, so as slow as this machine is busy: a loaded 2-core runner has taken 2 minutes.
    }, 300_000);
  }
});
