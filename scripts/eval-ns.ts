/**
 * `npm run eval:ns`: how much noise the room's noise suppressors take away, and what they do to the
 * speech: the RNNoise worklet (public/workers/rnnoise.worklet.js, "Standard", the default) and DTLN
 * (public/workers/dtln.worker.js + dtln.worklet.js, "High quality"; rendered paced by its worker,
 * tests/helpers/dtln-page.ts, so the figures are DTLN's whatever the machine's load). Noisy
 * mixtures are made with sox (tests/helpers/noisy-speech.ts): a LibriSpeech utterance and espeak-ng
 * speech, each with white, pink, brown and babble-like noise at 0, 5 and 10 dB SNR, with noise-only
 * stretches before and after the speech. Each is rendered through the worklet in Chromium (an
 * OfflineAudioContext at 48 kHz). Prints JSON per mixture and averaged:
 *   noiseReductionDb     level of the noise-only stretches, before minus after
 *   speechLevelChangeDb  level of the output over the speech stretches, relative to the clean speech
 *   snrIn/Out/ImprovementDb  scale-invariant SNR against the clean reference
 * Options: --processor=rnnoise,dtln --speech=librispeech,espeak --noise=white,pink,brown,babble --snr=0,5,10
 */
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { dtlnAssetUrls } from "../lib/audio/dtln-assets";
import { DTLN_DEFAULT_WAIT_QUANTA } from "../lib/audio/dtln-protocol";
import { RNNOISE_WORKLET_PATH } from "../lib/audio/rnnoise-protocol";
import { advance, bestLag, scoreSuppression, type SuppressionScore } from "../lib/audio/suppression-metrics";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";
import { MixtureMaker, NOISE_KINDS, RATE, SPEECH_SOURCES, type NoiseKind, type SpeechSource } from "../tests/helpers/noisy-speech";
import { RUN_NS_IN_PAGE, fromBase64, toBase64, type NsPageResult } from "../tests/helpers/ns-page";
import { RUN_DTLN_PACED_IN_PAGE, type DtlnPacedResult } from "../tests/helpers/dtln-page";
import { buildWorkers } from "./build-workers";
import { copyBrowserAssets } from "./copy-browser-assets";
import { repoRoot } from "./lib/paths";
import { serveDirectory } from "./lib/static-server";

const PORT = 3315;
const option = (name: string, fallback: string) => (process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback).split(",");
const round = (n: number) => Number(n.toFixed(2));
const PROCESSORS = {
  rnnoise: { name: "RNNoise", package: "@jitsi/rnnoise-wasm@0.2.1 (rnnoise-sync.js, RNNoise 0.2 model)", license: "BSD-3-Clause (RNNoise) / Apache-2.0 (package)", runtime: "AudioWorklet in Chromium, WASM", worklet: RNNOISE_WORKLET_PATH },
  dtln: { name: "DTLN", package: "@vonage/noise-suppression@1.0.3 (dist/model_{1,2}.tflite, converted to ONNX: models/dtln/)", license: "MIT", runtime: "onnxruntime-web (WASM) in a worker, fed by an AudioWorklet resampling 48 ↔ 16 kHz; rendered paced by the worker (no underruns)", worklet: "/workers/dtln.worklet.js" },
} as const;
type Processor = keyof typeof PROCESSORS;

async function main() {
  const speeches = option("speech", Object.keys(SPEECH_SOURCES).join(",")) as SpeechSource[];
  const noises = option("noise", NOISE_KINDS.join(",")) as NoiseKind[];
  const snrs = option("snr", "0,5,10").map(Number);
  const processors = option("processor", "rnnoise,dtln") as Processor[];
  if (processors.includes("dtln")) await copyBrowserAssets();
  await buildWorkers(["rnnoise.worklet.ts", "dtln.worker.ts", "dtln.worklet.ts"]);
  const maker = new MixtureMaker(repoRoot);
  const stop = await serveDirectory(path.join(repoRoot, "public"), PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/`);
    const results: Array<{ processor: Processor; speech: SpeechSource; noise: NoiseKind; snrDb: number; seconds: number; delaySamples: number } & SuppressionScore> = [];
    for (const processor of processors) {
      for (const speech of speeches) {
        for (const noise of noises) {
          for (const snrDb of snrs) {
            const mix = maker.make(speech, noise, snrDb);
            const output = await render(page, `http://localhost:${PORT}`, processor, mix.mixture);
            // The processor's own delay (RNNoise's overlap-add; none left for DTLN), on top of the buffering already removed.
            const delaySamples = bestLag(mix.clean, output);
            const score = scoreSuppression({ clean: mix.clean, mixture: mix.mixture, output: advance(output, delaySamples), noiseOnly: mix.noiseOnly });
            const row = { processor, speech, noise, snrDb, seconds: round(mix.mixture.length / RATE), delaySamples, ...mapValues(score, round) };
            console.error(`[eval:ns] ${processor}: ${speech} + ${noise} @ ${snrDb} dB: noise −${row.noiseReductionDb} dB, speech ${row.speechLevelChangeDb} dB, SNR +${row.snrImprovementDb} dB`);
            results.push(row);
          }
        }
      }
    }
    console.log(
      JSON.stringify(
        {
          evaluation: "noise-suppression",
          processors: Object.fromEntries(processors.map((p) => [p, PROCESSORS[p]])),
          method: {
            mixtures: "sox: clean speech peak-normalised to −6 dBFS, 1.5 s of silence before and 1 s after, plus noise scaled so that the speech's level over its active 20 ms frames is snrDb above the noise's",
            noiseReductionDb: "RMS level of the noise-only stretches (lead and tail, 0.25 s from the speech left out) in the mixture minus in the output",
            speechLevelChangeDb: "RMS level of the output over the active speech frames (within 30 dB of the loudest) minus the clean speech's there",
            snr: "scale-invariant SNR against the clean reference over the whole clip, noise-only stretches included (so snrInDb is below the mixing SNR), the output scaled by its least-squares gain after removing the processor's delay (found by cross-correlation)",
          },
          sources: {
            speech: SPEECH_SOURCES,
            noise: {
              white: "sox synth whitenoise",
              pink: "sox synth pinknoise",
              brown: "sox synth brownnoise",
              babble: "six espeak-ng talkers (English, German, French, Spanish voices) saying other sentences at once, looped and offset, mixed with sox",
            },
          },
          results,
          ...Object.fromEntries(
            processors.map((p) => {
              const rows = results.filter((r) => r.processor === p);
              return [p, { average: average(rows), averageBySnr: Object.fromEntries(snrs.map((snr) => [`${snr}dB`, average(rows.filter((r) => r.snrDb === snr))])), averageByNoise: Object.fromEntries(noises.map((noise) => [noise, average(rows.filter((r) => r.noise === noise))])) }];
            }),
          ),
          machine: { chromium: browser.version() },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await stop();
  }
}

/** The processor's output for `mixture`, aligned with it (the worklet's buffering removed). */
async function render(page: Page, origin: string, processor: Processor, mixture: Float32Array): Promise<Float32Array> {
  if (processor === "rnnoise") {
    const rendered = (await page.evaluate(`(${RUN_NS_IN_PAGE})(${JSON.stringify({ workletUrl: RNNOISE_WORKLET_PATH, input: toBase64(mixture) })})`)) as NsPageResult;
    return fromBase64(rendered.output);
  }
  const { workerUrl, workletUrl, ortUrl, models } = dtlnAssetUrls(origin);
  const args = { workerUrl, workletUrl, ortUrl, models, input: toBase64(mixture), waitQuanta: DTLN_DEFAULT_WAIT_QUANTA };
  const rendered = (await page.evaluate(`(${RUN_DTLN_PACED_IN_PAGE})(${JSON.stringify(args)})`)) as DtlnPacedResult;
  if (rendered.stats.underruns > 0) throw new Error(`DTLN missed ${rendered.stats.underruns} deadlines in a paced render`);
  return fromBase64(rendered.output);
}

function mapValues<T extends Record<string, number>>(values: T, f: (n: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, f(v)])) as T;
}

function average(rows: SuppressionScore[]): SuppressionScore {
  const keys: Array<keyof SuppressionScore> = ["noiseReductionDb", "speechLevelChangeDb", "snrInDb", "snrOutDb", "snrImprovementDb"];
  return Object.fromEntries(keys.map((k) => [k, round(rows.reduce((sum, r) => sum + r[k], 0) / rows.length)])) as SuppressionScore;
}

main().catch((err: unknown) => {
  console.error(`[eval:ns] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
