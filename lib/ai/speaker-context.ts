/**
 * What the caption worker remembers about its one speaker between segments (each participant's
 * device captions only its own microphone): the language, once it is clear, so a short or noisy
 * segment does not flip an English speaker into Chinese ("auto" only); and the previous segment's
 * text, the prompt that keeps a small model consistent. Pure, so the rules are unit tested.
 */
import type { AsrLanguage } from "./asr-protocol";

/** A detection counts only when the model is this sure and the segment this long. */
const SURE = 0.9;
const LONG_ENOUGH_SECONDS = 1;
/** Agreeing detections in a row that fix the language. */
const AGREEING = 2;
/** A fallback decode this hot is not good context (Whisper drops the prompt above 0.5 too). */
const MAX_PROMPT_TEMPERATURE = 0.5;

export type SpeakerObservation = {
  language: AsrLanguage;
  languageProbability: number;
  audioSeconds: number;
  tokens: readonly number[];
  temperature: number;
  /** The result became a caption (not dropped as noise or a hallucination). */
  kept: boolean;
};

export class SpeakerContext {
  private fixed: AsrLanguage | null = null;
  private recent: AsrLanguage[] = [];
  private previous: { language: AsrLanguage; tokens: readonly number[] } | null = null;

  constructor(private readonly options: { lockLanguage: boolean; condition: boolean }) {}

  /** The language to decode the next segment in: the speaker's choice, else the one detected and fixed, else "auto". */
  languageFor(requested: AsrLanguage | "auto"): AsrLanguage | "auto" {
    if (requested !== "auto") return requested;
    return this.options.lockLanguage && this.fixed ? this.fixed : "auto";
  }

  /** The prompt for a segment in `language`: the speaker's previous kept text in that language. */
  promptFor(language: AsrLanguage | "auto"): readonly number[] {
    if (!this.options.condition || !this.previous) return [];
    return language === "auto" || language === this.previous.language ? this.previous.tokens : [];
  }

  /** A final result for this speaker. */
  observe(result: SpeakerObservation): void {
    if (!result.kept) return;
    if (result.temperature <= MAX_PROMPT_TEMPERATURE && result.tokens.length > 0) this.previous = { language: result.language, tokens: result.tokens };
    if (this.fixed || result.languageProbability < SURE || result.audioSeconds < LONG_ENOUGH_SECONDS) return;
    this.recent = [...this.recent, result.language].slice(-AGREEING);
    if (this.recent.length === AGREEING && this.recent.every((l) => l === result.language)) this.fixed = result.language;
  }

  /** The speaker changed their language setting: start over. */
  reset(): void {
    this.fixed = null;
    this.recent = [];
    this.previous = null;
  }

  get language(): AsrLanguage | null {
    return this.fixed;
  }
}
