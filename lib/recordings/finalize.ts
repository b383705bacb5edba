import { postProcessRecording } from "./post-process";
import { beginProcessing, completeProcessing, getRecording, type RecordingJson } from "./recordings-api";
import { openSealed, sealFile } from "./sealed";
import { putWithProgress } from "./uploader";

/**
 * Post-processing, in this browser: fetches the browser-recorded file, lets ffmpeg.wasm make it a
 * seekable MP4 (remuxed, or transcoded from WebM) with a poster frame, and stores both. Runs in the
 * recording browser right after it stops, or on the playback page when a host opens a recording that
 * was not processed (the recorder left first). An encrypted recording is decrypted here with the
 * meeting key and both results are encrypted again before they leave. Returns null when there is
 * nothing for this caller to do (or, encrypted, no key to do it with).
 */
export async function processRecording(
  id: string,
  onProgress: (fraction: number) => void,
  { signal, key = null }: { signal?: AbortSignal; key?: CryptoKey | null } = {},
): Promise<RecordingJson | null> {
  const view = await getRecording(id);
  if (!view.ok || !view.data.canProcess || !view.data.url) return null;
  const { encrypted } = view.data.recording;
  if (encrypted && !key) return null;
  const response = await fetch(view.data.url, { signal });
  if (!response.ok) throw new Error(`Could not fetch the recording (${response.status}).`);
  let input = await response.blob();
  if (encrypted && key) input = new Blob([(await openSealed(key, new Uint8Array(await input.arrayBuffer()), id, "raw")).bytes]);
  onProgress(0.1);
  const result = await postProcessRecording(input, { signal, onProgress: (f) => onProgress(0.1 + 0.8 * f) });
  const video = encrypted && key ? await sealFile(key, result.video, id, "video") : result.video;
  const poster = encrypted && key ? await sealFile(key, result.poster, id, "poster") : result.poster;
  const begun = await beginProcessing(id);
  if (!begun.ok) {
    if (begun.status === 409) return null; // someone else processed it meanwhile
    throw new Error(begun.message ?? "Could not store the processed recording.");
  }
  const total = video.size + poster.size;
  const videoEtag = await putWithProgress(begun.data.video.url, video, (sent) => onProgress(0.9 + (0.1 * sent) / total));
  const posterEtag = await putWithProgress(begun.data.poster.url, poster);
  if (!videoEtag || !posterEtag) throw new Error("Storage did not confirm the processed upload (no ETag; check the bucket's CORS ExposeHeaders).");
  const done = await completeProcessing(id, {
    video: { uploadId: begun.data.video.uploadId, etag: videoEtag },
    poster: { uploadId: begun.data.poster.uploadId, etag: posterEtag },
    durationMs: result.durationMs,
  });
  if (!done.ok) throw new Error(done.message ?? "Could not store the processed recording.");
  onProgress(1);
  return done.data.recording;
}
