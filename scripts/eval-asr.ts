/**
 * `npm run eval:asr`: how well the captions recognise speech, in real Chromium with the room's own
 * pipeline (VAD worker → Whisper worker, onnxruntime-web WASM): word error rate on English and
 * character error rate on Chinese, per clip and pooled, with each clip's source and license.
 * Prints JSON on stdout (progress on stderr). Needs the browser files: it builds them if missing.
 */
import { cpus } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { charErrorRate, wordErrorRate, type ErrorRate } from "../lib/ai/error-rate";
import { captionAssetUrls } from "../lib/ai/caption-models";
import { CAPTION_MODELS } from "../lib/ai/manifest";
import { RUN_ASR_IN_PAGE, type AsrPageResult } from "../tests/helpers/asr-page";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";
import { evalClips } from "../tests/helpers/eval-clips";
import { buildWorkers } from "./build-workers";
import { copyBrowserAssets } from "./copy-browser-assets";
import { repoRoot } from "./lib/paths";
import { serveDirectory } from "./lib/static-server";

const PORT = 3316;

function pooled(rates: ErrorRate[]): { errors: number; length: number; rate: number } {
  const errors = rates.reduce((s, r) => s + r.errors, 0);
  const length = rates.reduce((s, r) => s + r.length, 0);
  return { errors, length, rate: Number((length ? errors / length : 0).toFixed(4)) };
}

async function main() {
  await copyBrowserAssets();
  await buildWorkers();
  const stop = await serveDirectory(path.join(repoRoot, "public"), PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const origin = `http://localhost:${PORT}`;
    await page.goto(`${origin}/`);
    const urls = captionAssetUrls(origin);
    const clips = evalClips();
    console.error(`[eval:asr] ${clips.length} clips, Whisper on WASM in Chromium…`);
    const result = (await page.evaluate(
      `(${RUN_ASR_IN_PAGE})(${JSON.stringify({
        vadInit: urls.vad.init,
        asrInit: { ortUrl: urls.ortUrl, ...urls.asr, force: "wasm" },
        clips: clips.map((c) => ({ name: c.name, sampleRate: c.sampleRate, samples: Array.from(c.samples), language: c.language })),
        realtime: false,
      })})`,
    )) as AsrPageResult;
    const rows = clips.map((clip, i) => {
      const heard = result.clips[i];
      const score = clip.language === "zh" ? charErrorRate(clip.reference, heard.text) : wordErrorRate(clip.reference, heard.text);
      const seconds = heard.segments.reduce((s, x) => s + x.audioSeconds, 0);
      const busyMs = heard.segments.reduce((s, x) => s + x.encodeMs + x.decodeMs, 0);
      return {
        name: clip.name,
        language: clip.language,
        real: clip.real,
        metric: clip.language === "zh" ? "CER" : "WER",
        ...score,
        rate: Number(score.rate.toFixed(4)),
        reference: clip.reference,
        hypothesis: heard.text,
        segments: heard.segments.length,
        realTimeFactor: Number((busyMs / 1000 / Math.max(seconds, 1e-9)).toFixed(3)),
        source: clip.source,
        license: clip.license,
      };
    });
    const scoresOf = (filter: (r: (typeof rows)[number]) => boolean) =>
      pooled(rows.filter(filter).map((r) => ({ errors: r.errors, length: r.length, rate: r.rate })));
    console.log(
      JSON.stringify(
        {
          evaluation: "asr",
          model: { ...CAPTION_MODELS, provider: result.ready.choice.provider },
          summary: {
            englishRealWER: scoresOf((r) => r.language === "en" && r.real),
            englishSyntheticWER: scoresOf((r) => r.language === "en" && !r.real),
            chineseSyntheticCER: scoresOf((r) => r.language === "zh"),
          },
          clips: rows,
          note: "No registry package we could reach ships real Mandarin speech with a reference text, so Chinese is measured on espeak-ng's Mandarin only, which is harder to understand than a person.",
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, chromium: browser.version() },
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

main().catch((err: unknown) => {
  console.error(`[eval:asr] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
