import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { JFK, jfkWav } from "./speech-clips";
import { readWav } from "./wav";

/**
 * Real speech (tests/media/speech: AISHELL-1 Mandarin, LibriSpeech English, each with its text,
 * source and license) and the meeting conditions made from it with sox, as the recipe in
 * tests/media/speech/README.md does: quieter, in a room, over a noise floor, two people without a pause.
 * Read speech is loud and clean; a meeting is not, and a pipeline tuned only on the former fails on the latter.
 */
const MEDIA = path.resolve("tests", "media", "speech");
const CACHE = path.resolve(".data", "cache", "speech", "conditions");

export type RealClip = { name: string; language: "en" | "zh"; file: string; reference: string; source: string; license: string };

const AISHELL = { source: "AISHELL-1 test set (tests/media/speech)", license: "Apache-2.0 (AISHELL-1)" };
const LIBRISPEECH = { source: "LibriSpeech test-clean (tests/media/speech)", license: "CC BY 4.0 (LibriSpeech)" };

function references(language: "en" | "zh"): Map<string, string> {
  const rows = readFileSync(path.join(MEDIA, language, "text.tsv"), "utf8").trim().split("\n");
  return new Map(rows.map((row) => row.split("\t") as [string, string]));
}

export function realClips(): RealClip[] {
  const zh = references("zh");
  const en = references("en");
  const clip = (language: "en" | "zh", name: string, texts: Map<string, string>, origin: typeof AISHELL) => ({
    name,
    language,
    file: path.join(MEDIA, language, `${name}.wav`),
    reference: texts.get(name) ?? "",
    ...origin,
  });
  return [
    clip("zh", "BAC009S0764W0121", zh, AISHELL),
    clip("zh", "BAC009S0724W0121", zh, AISHELL),
    clip("en", "librispeech-1995-1837-0001", en, LIBRISPEECH),
    { name: "jfk", language: "en", file: jfkWav(), reference: JFK.text, source: `${JFK.package} ${JFK.pathInPackage}`, license: JFK.license },
  ];
}

/** How a clip is made to sound: as recorded, or like a meeting. */
export type Condition = "clean" | "quiet" | "reverberant" | "noisy" | "joined" | "meeting-like";
export const CONDITIONS: Condition[] = ["clean", "quiet", "reverberant", "noisy", "joined", "meeting-like"];

/** sox effects per single-clip condition (the joined ones are built from two clips below). */
const EFFECTS: Record<"clean" | "quiet" | "reverberant", string[]> = {
  clean: [],
  quiet: ["gain", "-18"],
  reverberant: ["gain", "-6", "reverb", "60", "50", "100"],
};

function sox(args: string[]): void {
  const run = spawnSync("sox", args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`sox ${args.join(" ")} failed (apt-get install sox): ${run.stderr}`);
}

function soxSeconds(file: string): number {
  const run = spawnSync("soxi", ["-D", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`soxi -D ${file} failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

/** Mixes `file` with pink noise at `noiseGainDb` (repeatable: sox -R), as `sox -m` does (each input halved). */
function overNoise(file: string, out: string, noiseGainDb: number): void {
  const noise = `${out}.noise.wav`;
  sox(["-R", "-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", String(soxSeconds(file)), "pinknoise", "gain", String(noiseGainDb)]);
  sox(["-m", file, noise, out]);
}

function cached(name: string, make: (out: string) => void): string {
  const file = path.join(CACHE, `${name}.wav`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE, { recursive: true });
  const partial = path.join(CACHE, `${name}.${process.pid}.part.wav`);
  make(partial);
  renameSync(partial, file);
  return file;
}

export type ConditionedSpeech = {
  name: string;
  language: "en" | "zh";
  condition: Condition;
  /** The clips it is made of, in order. */
  clips: RealClip[];
  reference: string;
  file: string;
  sampleRate: number;
  samples: Float32Array;
};

/**
 * One evaluation item: a single clip under `condition`, or for "joined" and "meeting-like" the
 * language's first two clips back to back without a pause (the meeting-like one quieter, in a room,
 * over pink noise at −45 dBFS: the README's recipe).
 */
export function conditioned(condition: Condition, clips: RealClip[]): ConditionedSpeech {
  const name = `${clips.map((c) => c.name).join("+")}.${condition}`;
  const file = cached(name, (out) => {
    if (condition === "joined" || condition === "meeting-like") {
      if (condition === "joined") return sox([...clips.map((c) => c.file), "-r", "16000", "-c", "1", "-b", "16", out]);
      const room = `${out}.room.wav`;
      sox([...clips.map((c) => c.file), "-r", "16000", "-c", "1", "-b", "16", room, "gain", "-12", "reverb", "60", "50", "100"]);
      return overNoise(room, out, -45);
    }
    // Pink noise at −30 dBFS under the clip (which peaks near −1 dBFS).
    if (condition === "noisy") return overNoise(clips[0].file, out, -30);
    sox([clips[0].file, "-r", "16000", "-c", "1", "-b", "16", out, ...EFFECTS[condition]]);
  });
  const { sampleRate, samples } = readWav(file);
  // Mandarin is written without spaces between the two utterances, English with one.
  const reference = clips.map((c) => c.reference).join(clips[0].language === "zh" ? "" : " ");
  return { name, language: clips[0].language, condition, clips, reference, file, sampleRate, samples };
}

/** Every language × condition: single-clip conditions once per clip, joined ones once per language. */
export function realSpeechSet(): ConditionedSpeech[] {
  const clips = realClips();
  const out: ConditionedSpeech[] = [];
  for (const language of ["zh", "en"] as const) {
    const mine = clips.filter((c) => c.language === language);
    for (const condition of CONDITIONS) {
      if (condition === "joined" || condition === "meeting-like") out.push(conditioned(condition, mine.slice(0, 2)));
      else for (const clip of mine) out.push(conditioned(condition, [clip]));
    }
  }
  return out;
}
