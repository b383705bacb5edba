/**
 * Messages between the page and the speech-recognition worker (workers/browser/asr.worker.ts).
 * Speech goes in as 16 kHz mono (from the VAD worker, transferred); text comes out as it is decoded
 * (`partial`) and when the segment is done (`result`). One job runs at a time; a partial job that
 * arrives while the worker is busy replaces the previous waiting partial (only the newest matters),
 * finals always wait their turn.
 */
import type { Provider, ProviderChoice } from "./provider";

export type AsrLanguage = "en" | "zh";

/**
 * Decoding for a small model, each on by default and switchable for the evaluation's before/after
 * (npm run eval:asr): Whisper's temperature fallback on finals, the speaker's previous text as the
 * prompt, and an auto-detected language fixed once it is clear. `seed` makes sampling repeatable.
 */
export type AsrDecoding = { fallback?: boolean; condition?: boolean; lockLanguage?: boolean; seed?: number };

export type AsrRequest =
  | { type: "init"; ortUrl: string; encoderUrl: string; decoderUrl: string; tokensUrl: string; allowed: Provider[]; force?: Provider; decoding?: AsrDecoding }
  | { type: "transcribe"; id: string; audio: Float32Array; language: AsrLanguage | "auto"; final: boolean }
  /** Someone else speaks from now on (the evaluation's next clip): forget the language and the prompt. */
  | { type: "reset" };

export type AsrResult = {
  id: string;
  final: boolean;
  text: string;
  language: AsrLanguage;
  /** Probability Whisper gave to "no speech" at the first step; high means noise, not words. */
  noSpeechProb: number;
  avgLogprob: number;
  compressionRatio: number;
  /** 0 for the greedy decode; higher when the fallback sampled. */
  temperature: number;
  languageProbability: number;
  /** Seconds of audio, and the time spent on it. */
  audioSeconds: number;
  encodeMs: number;
  decodeMs: number;
};

export type AsrResponse =
  | { type: "loading"; loaded: number; total: number }
  | { type: "ready"; choice: ProviderChoice; loadMs: number }
  | { type: "partial"; id: string; text: string }
  | ({ type: "result" } & AsrResult)
  /** A waiting partial job replaced by a newer one. */
  | { type: "skipped"; id: string }
  | { type: "error"; id?: string; message: string };
