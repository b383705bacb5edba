import { z } from "zod";
import { CAPTION_LANGUAGES, type PostCaptionRequest, type StoredCaption } from "./captions";
import { callJson, postInit } from "./meeting-api";

/** Browser-side calls to `/api/meetings/{code}/captions` and `/transcript`. */

type Fetch = typeof fetch;

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;

export function setRoomCaptions(code: string, enabled: boolean, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/captions`, postInit({ enabled }), z.object({ captions: z.boolean() }), fetchImpl);
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
