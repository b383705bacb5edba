/**
 * `npm run eval:asr`: how well the captions recognise speech, in real Chromium with the room's own
 * pipeline (VAD worker → Whisper worker, onnxruntime-web WASM).
 *
 * Real speech (tests/media/speech: AISHELL-1 Mandarin, LibriSpeech English, plus JFK) is reported
 * apart from synthetic (espeak-ng), per condition: clean, quiet, reverberant, noisy, two clips
 * joined without a pause, and meeting-like (joined, quieter, in a room, over noise). Each row has
 * the error rate (CER for Chinese as a 简体 reader sees it after opencc, and raw; WER for English)
 * and the VAD's coverage: seconds of speech handed to recognition over seconds of speech, where the
 * speech is what Silero finds in the clean recording.
 *
 * Options (for before/after figures of each decoding change):
 *   --language=known|auto   the clip's language given to Whisper (default), or detected ("auto")
 *   --without=fallback,condition,lockLanguage   switch decoding changes off (lib/ai/asr-protocol.ts)
 *   --real-only             skip the synthetic clips
 * Prints JSON on stdout (progress on stderr). Needs the browser files: it builds them if missing.
 */
import { cpus } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import type { AsrDecoding } from "../lib/ai/asr-protocol";
import { captionAssetUrls } from "../lib/ai/caption-models";
import { charErrorRate, wordErrorRate, type ErrorRate } from "../lib/ai/error-rate";
import { CAPTION_MODELS } from "../lib/ai/manifest";
import { loadChineseConverter } from "../lib/i18n/chinese-script";
import { RUN_ASR_IN_PAGE, type AsrPageResult } from "../tests/helpers/asr-page";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";
import { evalClips } from "../tests/helpers/eval-clips";
import { conditioned, realSpeechSet, type ConditionedSpeech } from "../tests/helpers/real-speech";
import { coverage, loadVad, scoreAndSegment, speechFrames, VAD_FRAME_SECONDS } from "../tests/helpers/vad-node";
import { buildWorkers } from "./build-workers";
import { copyBrowserAssets } from "./copy-browser-assets";
import { repoRoot } from "./lib/paths";
import { serveDirectory } from "./lib/static-server";

const PORT = 3316;

type Item = {
  name: string;
  language: "en" | "zh";
  real: boolean;
  condition: string;
  reference: string;
  source: string;
  license: string;
  sampleRate: number;
  samples: Float32Array;
  /** Reference speech frames (real speech only), from the clean version of the same clips. */
  speech?: boolean[];
};

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function pooled(rates: ErrorRate[]): { errors: number; length: number; rate: number } {
  const errors = rates.reduce((s, r) => s + r.errors, 0);
  const length = rates.reduce((s, r) => s + r.length, 0);
  return { errors, length, rate: round(length ? errors / length : 0, 4) };
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function realItems(): Promise<{ items: Item[]; vadContext: Array<{ name: string; coverageWithContext: number; coverageWithout: number }> }> {
  const vad = await loadVad();
  const vadWithout = await loadVad({ context: false });
  const items: Item[] = [];
  const vadContext = [];
  const cleanOf = (s: ConditionedSpeech) => (s.clips.length > 1 ? conditioned("joined", s.clips) : conditioned("clean", s.clips));
  for (const s of realSpeechSet()) {
    const clean = cleanOf(s);
    const speech = await speechFrames(vad, clean.sampleRate, clean.samples);
    items.push({
      name: s.name,
      language: s.language,
      real: true,
      condition: s.condition,
      reference: s.reference,
      source: s.clips.map((c) => c.source).join(" + "),
      license: [...new Set(s.clips.map((c) => c.license))].join("; "),
      sampleRate: s.sampleRate,
      samples: s.samples,
      speech,
    });
    // The VAD fix, before/after, in Node on the same weights and segmenter as the worker.
    if (s.condition === "meeting-like" || s.condition === "quiet") {
      const spans = async (model: typeof vad) => {
        const { events } = await scoreAndSegment(model, s.sampleRate, s.samples);
        return events.flatMap((e) => (e.type === "end" ? [{ start: e.startFrame * VAD_FRAME_SECONDS, end: e.endFrame * VAD_FRAME_SECONDS }] : []));
      };
      vadContext.push({ name: s.name, coverageWithContext: round(coverage(speech, await spans(vad))), coverageWithout: round(coverage(speech, await spans(vadWithout))) });
    }
  }
  return { items, vadContext };
}

function syntheticItems(): Item[] {
  return evalClips()
    .filter((c) => !c.real)
    .map((c) => ({ name: c.name, language: c.language, real: false, condition: "synthetic", reference: c.reference, source: c.source, license: c.license, sampleRate: c.sampleRate, samples: c.samples }));
}

async function main() {
  const languageMode = option("language") === "auto" ? "auto" : "known";
  const without = new Set((option("without") ?? "").split(",").filter(Boolean));
  const decoding: AsrDecoding = { fallback: !without.has("fallback"), condition: !without.has("condition"), lockLanguage: !without.has("lockLanguage"), seed: 1 };
  const realOnly = process.argv.includes("--real-only");

  await copyBrowserAssets();
  await buildWorkers();
  console.error("[eval:asr] preparing real speech (sox) and its reference speech frames…");
  const { items: real, vadContext } = await realItems();
  const items = [...real, ...(realOnly ? [] : syntheticItems())];
  const toSimplified = await loadChineseConverter("simplified");

  const stop = await serveDirectory(path.join(repoRoot, "public"), PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const origin = `http://localhost:${PORT}`;
    await page.goto(`${origin}/`);
    const urls = captionAssetUrls(origin);
    console.error(`[eval:asr] ${items.length} items, Whisper on WASM in Chromium, language ${languageMode}, decoding ${JSON.stringify(decoding)}…`);
    const result = (await page.evaluate(
      `(${RUN_ASR_IN_PAGE})(${JSON.stringify({
        vadInit: urls.vad.init,
        asrInit: { ortUrl: urls.ortUrl, ...urls.asr, force: "wasm", decoding },
        clips: items.map((c) => ({ name: c.name, sampleRate: c.sampleRate, samples: Array.from(c.samples), language: languageMode === "auto" ? "auto" : c.language })),
        realtime: false,
      })})`,
    )) as AsrPageResult;

    const rows = items.map((item, i) => {
      const heard = result.clips[i];
      // Chinese as a 简体 reader sees it (the captions convert on display), and as Whisper wrote it.
      const shown = item.language === "zh" ? toSimplified(heard.text) : heard.text;
      const score = item.language === "zh" ? charErrorRate(item.reference, shown) : wordErrorRate(item.reference, shown);
      const raw = item.language === "zh" ? charErrorRate(item.reference, heard.text) : score;
      const spans = heard.segments.map((s) => ({ start: s.startMs / 1000, end: s.endMs / 1000 }));
      const toAsr = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
      const busyMs = heard.segments.reduce((s, x) => s + x.encodeMs + x.decodeMs, 0);
      return {
        name: item.name,
        language: item.language,
        real: item.real,
        condition: item.condition,
        metric: item.language === "zh" ? "CER" : "WER",
        errors: score.errors,
        length: score.length,
        rate: round(score.rate, 4),
        rawRate: round(raw.rate, 4),
        reference: item.reference,
        hypothesis: heard.text,
        languages: [...new Set(heard.segments.map((s) => s.language))],
        segments: heard.segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, text: s.text, language: s.language, temperature: s.temperature, compressionRatio: s.compressionRatio })),
        secondsToAsr: round(toAsr, 2),
        secondsOfSpeech: item.speech ? round(item.speech.filter(Boolean).length * VAD_FRAME_SECONDS, 2) : undefined,
        vadCoverage: item.speech ? round(coverage(item.speech, spans)) : undefined,
        realTimeFactor: round(busyMs / 1000 / Math.max(toAsr, 1e-9)),
        source: item.source,
        license: item.license,
      };
    });

    const table = [];
    for (const language of ["zh", "en"] as const) {
      for (const condition of [...new Set(rows.filter((r) => r.real && r.language === language).map((r) => r.condition))]) {
        const mine = rows.filter((r) => r.real && r.language === language && r.condition === condition);
        const covered = mine.filter((r) => r.vadCoverage !== undefined);
        table.push({
          language,
          condition,
          items: mine.length,
          metric: language === "zh" ? "CER" : "WER",
          rate: pooled(mine).rate,
          rawRate: language === "zh" ? pooled(mine.map((r) => ({ errors: Math.round(r.rawRate * r.length), length: r.length, rate: r.rawRate }))).rate : undefined,
          vadCoverage: round(covered.reduce((s, r) => s + (r.vadCoverage ?? 0) * (r.secondsOfSpeech ?? 0), 0) / Math.max(covered.reduce((s, r) => s + (r.secondsOfSpeech ?? 0), 0), 1e-9)),
          languageFlips: mine.filter((r) => r.languages.length > 1 || r.languages[0] !== language).length,
        });
      }
    }
    console.log(
      JSON.stringify(
        {
          evaluation: "asr",
          model: { ...CAPTION_MODELS, provider: result.ready.choice.provider },
          languageMode,
          decoding,
          realSpeech: {
            table,
            pooled: {
              chineseCER: pooled(rows.filter((r) => r.real && r.language === "zh")),
              englishWER: pooled(rows.filter((r) => r.real && r.language === "en")),
            },
          },
          synthetic: realOnly
            ? undefined
            : { chineseCER: pooled(rows.filter((r) => !r.real && r.language === "zh")), englishWER: pooled(rows.filter((r) => !r.real && r.language === "en")) },
          vadContext,
          clips: rows,
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
