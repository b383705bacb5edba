import { AppError } from "@/lib/errors";
import { readBodyUpTo } from "@/lib/http";
import { readPcmWav, SPEECH_SAMPLE_RATE, type PcmWav } from "./wav";

/** Whisper's window: the VAD cuts a segment at 15 s, so anything longer is not one of ours. */
export const MAX_SEGMENT_SECONDS = 30;
/** Enough for 30 s of 16 kHz 16-bit mono and a header with a few extra chunks. */
export const MAX_SEGMENT_BYTES = 44 + MAX_SEGMENT_SECONDS * SPEECH_SAMPLE_RATE * 2 + 4096;
const MIN_SEGMENT_SECONDS = 0.1;
const WAV_TYPES = /^audio\/(?:wav|wave|x-wav|vnd\.wave)\s*(?:;|$)/i;

/**
 * One speech segment from a request body: 16-bit PCM mono WAV at 16 kHz, at most 30 s. The size is
 * capped while the body streams in (readBodyUpTo), and only the samples are kept: the caller writes
 * a fresh header around them, so no other bytes of the upload go anywhere.
 */
export async function readSpeechSegment(request: Request): Promise<PcmWav> {
  if (!WAV_TYPES.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type:audio", "Send the speech as audio/wav: 16-bit PCM, mono, 16 kHz.");
  }
  const bytes = await readBodyUpTo(request, MAX_SEGMENT_BYTES, () => new AppError("payload_too_large:audio", `A speech segment is at most ${MAX_SEGMENT_SECONDS} s.`));
  const read = readPcmWav(bytes);
  if (!read.ok) throw new AppError("bad_request:audio", `The speech can't be read: ${read.reason}. Send 16-bit PCM, mono, 16 kHz WAV.`);
  const seconds = read.wav.pcm.length / SPEECH_SAMPLE_RATE;
  if (seconds < MIN_SEGMENT_SECONDS) throw new AppError("bad_request:audio", "The speech segment is empty or shorter than 0.1 s.");
  if (seconds > MAX_SEGMENT_SECONDS) throw new AppError("payload_too_large:audio", `A speech segment is at most ${MAX_SEGMENT_SECONDS} s.`);
  return read.wav;
}
