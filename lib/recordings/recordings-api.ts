import { z } from "zod";
import { callJson, postInit } from "@/lib/meetings/meeting-api";

/** Browser-side calls to the recording routes (the recorder, the post-processor and the recordings pages). */

type Fetch = typeof fetch;

export const recordingJsonSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["recording", "ready", "failed"]),
  mimeType: z.string(),
  sizeBytes: z.number().nullable(),
  durationMs: z.number().nullable(),
  sharedWithMembers: z.boolean(),
  startedBy: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  processed: z.boolean(),
  encrypted: z.boolean(),
  deleteAfter: z.string().nullable(),
});
export type RecordingJson = z.infer<typeof recordingJsonSchema>;

const one = z.object({ recording: recordingJsonSchema });
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const recordingUrl = (id: string) => `/api/recordings/${encodeURIComponent(id)}`;

export function startRecording(code: string, body: { mimeType: string; title?: string; encrypted?: boolean; mode?: "browser" | "server" }, fetchImpl: Fetch = fetch) {
  return callJson(`/api/meetings/${encodeURIComponent(code)}/recordings`, postInit(body), one, fetchImpl);
}

export function listMeetingRecordings(code: string, fetchImpl: Fetch = fetch) {
  return callJson(`/api/meetings/${encodeURIComponent(code)}/recordings`, {}, z.object({ recordings: z.array(recordingJsonSchema) }), fetchImpl);
}

const mine = recordingJsonSchema.extend({ meeting: z.object({ code: z.string(), title: z.string() }), role: z.string() });
export type MyRecordingJson = z.infer<typeof mine>;

export function listMyRecordings(fetchImpl: Fetch = fetch) {
  return callJson("/api/recordings", {}, z.object({ recordings: z.array(mine) }), fetchImpl);
}

const partUrlSchema = z.object({ url: z.string().min(1) });
export function requestPartUrl(id: string, partNumber: number, fetchImpl: Fetch = fetch) {
  return callJson(`${recordingUrl(id)}/parts`, postInit({ partNumber }), partUrlSchema, fetchImpl);
}

const partsSchema = z.object({ parts: z.array(z.object({ partNumber: z.number(), etag: z.string(), size: z.number() })) });
export function listUploadedParts(id: string, fetchImpl: Fetch = fetch) {
  return callJson(`${recordingUrl(id)}/parts`, {}, partsSchema, fetchImpl);
}

export function completeRecording(id: string, body: { parts: Array<{ partNumber: number; etag: string }>; durationMs: number }, fetchImpl: Fetch = fetch) {
  return callJson(`${recordingUrl(id)}/complete`, postInit(body), one, fetchImpl);
}

const viewSchema = z.object({
  recording: recordingJsonSchema,
  meeting: z.object({ code: z.string(), title: z.string() }),
  url: z.string().nullable(),
  posterUrl: z.string().nullable(),
  canManage: z.boolean(),
  canProcess: z.boolean(),
});
export type RecordingView = z.infer<typeof viewSchema>;

export function getRecording(id: string, fetchImpl: Fetch = fetch) {
  return callJson(recordingUrl(id), {}, viewSchema, fetchImpl);
}

export function updateRecording(id: string, changes: { title?: string; sharedWithMembers?: boolean }, fetchImpl: Fetch = fetch) {
  return callJson(recordingUrl(id), json("PATCH", changes), one, fetchImpl);
}

export function deleteRecording(id: string, fetchImpl: Fetch = fetch) {
  return callJson(recordingUrl(id), { method: "DELETE" }, z.unknown(), fetchImpl);
}

const upload = z.object({ uploadId: z.string(), url: z.string() });
export function beginProcessing(id: string, fetchImpl: Fetch = fetch) {
  return callJson(`${recordingUrl(id)}/processed`, postInit(), z.object({ video: upload, poster: upload }), fetchImpl);
}

export function completeProcessing(
  id: string,
  body: { video: { uploadId: string; etag: string }; poster: { uploadId: string; etag: string }; durationMs: number },
  fetchImpl: Fetch = fetch,
) {
  return callJson(`${recordingUrl(id)}/processed/complete`, postInit(body), one, fetchImpl);
}

/** Stops a server-side (Egress) recording; it becomes ready when LiveKit reports the file written. */
export function stopServerRecording(id: string, fetchImpl: Fetch = fetch) {
  return callJson(`${recordingUrl(id)}/stop`, postInit(), one, fetchImpl);
}
