import "server-only";
import { z } from "zod";
import { encodeWav, type PcmWav } from "@/lib/audio/wav";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CAPTION_MAX_LENGTH, type CaptionLanguage } from "@/lib/meetings/captions";
import { isHallucination, trimRepetition } from "./whisper-output";

/**
 * Captions made on a transcription server: one speech segment (as the speaker's VAD cut it) is
 * posted as multipart to an OpenAI-compatible `/v1/audio/transcriptions` (model, language,
 * response_format, a prompt for Simplified Chinese), and the text that comes back is cleaned as the
 * browser's own Whisper output is (no-speech and sign-off filters, repetition loops).
 *
 * Failures are the server's, not the caller's: unreachable, timed out, overloaded (429, 5xx) is a
 * 503 with Retry-After; any other answer we cannot use is a 502. The detail goes to the log only.
 */
export type TranscriptionServerConfig = NonNullable<Env["transcriptionServer"]>;

export type ServerTranscript = { text: string; language: CaptionLanguage };

/** The same words the browser's Whisper is primed with for Mandarin ("What follows is a sentence in Mandarin."): Simplified characters. */
export const SIMPLIFIED_CHINESE_PROMPT = "以下是普通话的句子。";
const RETRY_AFTER_SECONDS = 5;
const MAX_RETRY_AFTER_SECONDS = 60;
/** Whisper's rule (transcribe.py): a segment compressing this well is a repetition loop. */
const MAX_COMPRESSION_RATIO = 2.4;

const segmentSchema = z.object({
  text: z.string(),
  no_speech_prob: z.number().nullish(),
  avg_logprob: z.number().nullish(),
  compression_ratio: z.number().nullish(),
});
const responseSchema = z.object({
  text: z.string(),
  language: z.string().nullish(),
  segments: z.array(segmentSchema).nullish(),
});

export async function transcribeOnServer(
  server: TranscriptionServerConfig,
  { wav, language }: { wav: PcmWav; language: CaptionLanguage | "auto" },
): Promise<ServerTranscript> {
  const form = new FormData();
  form.set("file", new Blob([encodeWav(wav.pcm, wav.sampleRate)], { type: "audio/wav" }), "segment.wav");
  form.set("model", server.model);
  form.set("response_format", server.responseFormat);
  if (language !== "auto") form.set("language", language);
  if (language === "zh") form.set("prompt", SIMPLIFIED_CHINESE_PROMPT);

  const started = Date.now();
  let response: Response;
  let body: string;
  try {
    response = await fetch(server.endpoint, {
      method: "POST",
      body: form,
      headers: server.apiKey ? { authorization: `Bearer ${server.apiKey}` } : undefined,
      // A redirect would send the speech (and the key) somewhere the deployer did not name.
      redirect: "error",
      signal: AbortSignal.timeout(server.timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw unavailable(timedOut ? `no answer within ${server.timeoutMs} ms` : `unreachable (${describe(error)})`, RETRY_AFTER_SECONDS, error);
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    throw unavailable(`HTTP ${response.status}: ${body.slice(0, 300)}`, retryAfter(response.headers.get("retry-after")));
  }
  if (!response.ok) {
    console.warn(`[parley] the transcription server refused a segment: HTTP ${response.status}: ${body.slice(0, 300)}`);
    throw new AppError("bad_gateway:transcription_server", "The transcription server could not transcribe this speech.");
  }
  const parsed = parseBody(body);
  if (!parsed) {
    console.warn(`[parley] the transcription server answered what is not a transcription: ${body.slice(0, 300)}`);
    throw new AppError("bad_gateway:transcription_server", "The transcription server gave an answer that is not a transcription.");
  }
  const text = keptText(parsed);
  console.debug(`[parley] transcribed ${(wav.pcm.length / wav.sampleRate).toFixed(1)} s on the server in ${Date.now() - started} ms: ${text.length} characters`);
  return { text, language: captionLanguage(parsed.language, language) };
}

function parseBody(body: string): z.infer<typeof responseSchema> | null {
  try {
    const parsed = responseSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The words worth a caption: segments Whisper itself would call silence or a loop are dropped. */
function keptText({ text, segments }: z.infer<typeof responseSchema>): string {
  const kept = segments?.length
    ? segments
        .filter((s) => (s.compression_ratio ?? 0) <= MAX_COMPRESSION_RATIO)
        .filter((s) => !isHallucination({ text: s.text, noSpeechProb: s.no_speech_prob ?? 0, avgLogprob: s.avg_logprob ?? 0 }))
        .map((s) => s.text)
        .join("")
    : text;
  const trimmed = trimRepetition(kept.trim());
  // Without segments (response_format json) there are no probabilities: only tag-only text is dropped.
  if (isHallucination({ text: trimmed, noSpeechProb: 0, avgLogprob: 0 })) return "";
  return trimmed.slice(0, CAPTION_MAX_LENGTH);
}

/**
 * verbose_json names the language ("en", or OpenAI's "english"); json does not. Captions are stored as
 * en or zh: Mandarin and Cantonese are zh, anything else is labelled as English.
 */
function captionLanguage(reported: string | null | undefined, hint: CaptionLanguage | "auto"): CaptionLanguage {
  if (hint !== "auto") return hint;
  const name = (reported ?? "").toLowerCase();
  return /^(zh|yue|chinese|mandarin|cantonese)/.test(name) ? "zh" : "en";
}

function retryAfter(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 1 ? Math.min(Math.ceil(seconds), MAX_RETRY_AFTER_SECONDS) : RETRY_AFTER_SECONDS;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function unavailable(detail: string, retryAfterSeconds: number, cause?: unknown): AppError {
  console.warn(`[parley] the transcription server is unavailable: ${detail}`);
  return new AppError("service_unavailable:transcription_server", "The transcription server can't be reached right now. Try again shortly.", undefined, {
    retryAfterSeconds,
    cause,
  });
}
