import type { Page } from "@playwright/test";
import { beforeAll, describe, expect, it } from "vitest";
import { RNNOISE_WORKLET_PATH } from "@/lib/audio/rnnoise-protocol";
import { advance, bestLag, scoreSuppression } from "@/lib/audio/suppression-metrics";
import { repoRoot } from "../../scripts/lib/paths";
import { MixtureMaker } from "../helpers/noisy-speech";
import { RUN_NS_IN_PAGE, fromBase64, toBase64, type NsPageResult } from "../helpers/ns-page";
import { useWorkerPages } from "../helpers/worker-pages";

/**
 * The RNNoise AudioWorklet as the room runs it (the bundled public/workers/rnnoise.worklet.js, in
 * Debian Chromium, at 48 kHz), on sox mixtures of real speech and noise with a known clean reference.
 */
let page: Page;
const maker = new MixtureMaker(repoRoot);
const pages = useWorkerPages({ workers: ["rnnoise.worklet.ts"], assets: false, timeoutMs: 60_000 });

beforeAll(async () => {
  page = await pages.browser.newPage();
  await page.goto(`${pages.origin}/`);
});

async function render(samples: Float32Array, bypass = false) {
  const args = { workletUrl: RNNOISE_WORKLET_PATH, input: toBase64(samples), bypass };
  const result = (await page.evaluate(`(${RUN_NS_IN_PAGE})(${JSON.stringify(args)})`)) as NsPageResult;
  return { ...result, output: fromBase64(result.output) };
}

describe("RNNoise worklet in Chromium", () => {
  it("passes every sample through its frame buffer, in order, with a fixed latency (model bypassed)", async () => {
    const mix = maker.make("espeak", "pink", 10);
    const { output, latencySamples, blockSize } = await render(mix.mixture, true);
    expect(blockSize).toBe(128);
    expect(latencySamples).toBe(448);
    expect(output.length).toBe(mix.mixture.length);
    let worst = 0;
    for (let i = 0; i < output.length; i++) worst = Math.max(worst, Math.abs(output[i] - mix.mixture[i]));
    expect(worst).toBe(0);
  }, 60_000);

  for (const [speech, noise, snrDb] of [
    ["librispeech", "white", 5],
    ["espeak", "pink", 0],
  ] as const) {
    it(`takes the noise down and keeps the speech: ${speech} speech in ${noise} noise at ${snrDb} dB SNR`, async () => {
      const mix = maker.make(speech, noise, snrDb);
      const { output } = await render(mix.mixture);
      const delay = bestLag(mix.clean, output);
      // RNNoise's overlap-add delays its output by whole frames (10 ms each); the
      // cross-correlation peak may land a sample either side of the frame boundary.
      const offFrame = delay % 480;
      expect(Math.min(offFrame, 480 - offFrame)).toBeLessThanOrEqual(2);
      const score = scoreSuppression({ clean: mix.clean, mixture: mix.mixture, output: advance(output, delay), noiseOnly: mix.noiseOnly });
      expect(score.noiseReductionDb).toBeGreaterThan(15);
      expect(Math.abs(score.speechLevelChangeDb)).toBeLessThan(4);
      expect(score.snrImprovementDb).toBeGreaterThan(5);
    }, 60_000);
  }
});
