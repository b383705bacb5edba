import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { JFK, jfkWav } from "./speech-clips";
import { readWav } from "./wav";

/**
 * The ASR evaluation set (npm run eval:asr): real English speech, and espeak-ng speech in English
 * and Mandarin (no registry package we could reach ships real Mandarin speech with its text:
 * models/asr-survey.md). Each clip carries its reference text, language, source and license.
 */
export type EvalClip = { name: string; language: "en" | "zh"; real: boolean; reference: string; source: string; license: string; sampleRate: number; samples: Float32Array };

const ESPEAK_LICENSE = "synthesised with espeak-ng at run time (the program is GPL-3.0; its output is not covered by it)";

const SYNTHETIC: Array<Omit<EvalClip, "sampleRate" | "samples" | "real" | "source" | "license"> & { voice: string }> = [
  { name: "espeak-en-meeting", language: "en", voice: "en-us", reference: "Before we start, can everyone hear me? The quarterly numbers are on the second slide." },
  { name: "espeak-en-schedule", language: "en", voice: "en-gb", reference: "Let us meet again on Thursday morning and review the design together." },
  { name: "espeak-zh-weather", language: "zh", voice: "cmn-latn-pinyin", reference: "今天天气很好，我们下午去公园散步吧。" },
  { name: "espeak-zh-meeting", language: "zh", voice: "cmn-latn-pinyin", reference: "请大家打开麦克风，我们现在开始开会。" },
];

function pad(samples: Float32Array, sampleRate: number, seconds = 0.8): Float32Array {
  const silence = Math.round(seconds * sampleRate);
  const out = new Float32Array(samples.length + 2 * silence);
  out.set(samples, silence);
  return out;
}

export function evalClips(): EvalClip[] {
  const jfk = readWav(jfkWav());
  const clips: EvalClip[] = [
    { name: "jfk", language: "en", real: true, reference: JFK.text, source: `${JFK.package} ${JFK.pathInPackage}`, license: JFK.license, sampleRate: jfk.sampleRate, samples: pad(jfk.samples, jfk.sampleRate) },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), "parley-eval-asr-"));
  for (const clip of SYNTHETIC) {
    const file = path.join(dir, `${clip.name}.wav`);
    const run = spawnSync("espeak-ng", ["-v", clip.voice, "-s", "150", "-w", file, clip.reference]);
    if (run.status !== 0) throw new Error(`espeak-ng failed (apt-get install espeak-ng): ${run.stderr}`);
    const { sampleRate, samples } = readWav(file);
    clips.push({ name: clip.name, language: clip.language, real: false, reference: clip.reference, source: `espeak-ng -v ${clip.voice}`, license: ESPEAK_LICENSE, sampleRate, samples: pad(samples, sampleRate) });
  }
  return clips;
}
