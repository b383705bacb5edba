import { z } from "zod";
import { CAPTION_LANGUAGES, type CaptionLanguage, type PostCaptionRequest, type StoredCaption } from "./captions";
import { callJson, postInit } from "./meeting-api";

/** Browser-side calls to `/api/meetings/{code}/captions`, `/captions/transcribe` and `/transcript`. */

type Fetch = typeof fetch;

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;

/** Captions on or off for everyone (`enabled`), and made on the transcription server or on each device (`server`, hosts). */
export function setRoomCaptions(code: string, change: { enabled?: boolean; server?: boolean }, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/captions`, postInit(change), z.object({ captions: z.boolean(), server: z.boolean() }), fetchImpl);
}

const transcribedSchema = z.object({ text: z.string(), language: z.enum(CAPTION_LANGUAGES) });

/** One speech segment (16 kHz 16-bit PCM WAV, lib/audio/wav.ts) to the meeting's transcription server, through ours. */
export function transcribeOnServer(code: string, wav: Uint8Array<ArrayBuffer>, language: CaptionLanguage | "auto", fetchImpl: Fetch = fetch) {
  const init: RequestInit = { method: "POST", headers: { "content-type": "audio/wav" }, body: wav };
  return callJson(`${base(code)}/captions/transcribe?language=${encodeURIComponent(language)}`, init, transcribedSchema, fetchImpl);
}

export function postCaption(code: string, caption: PostCaptionRequest, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/transcript`, postInit(caption), z.unknown(), fetchImpl);
}

const storedSchema = z.object({
  segmentId: z.string(),
  identity: z.string(),
  name: z.string(),
  language: z.enum(CAPTION_LANGUAGES),
  startedAt: z.string(),
  endedAt: z.string(),
  text: z.string(),
});
const transcriptSchema = z.object({ segments: z.array(storedSchema) });

export function fetchTranscript(code: string, signal?: AbortSignal, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/transcript`, { signal }, transcriptSchema, fetchImpl) as Promise<
    { ok: true; status: number; data: { segments: StoredCaption[] } } | { ok: false; status: number; code: string | null; message: string | null }
  >;
}
