/**
 * Fetches a model file with download progress, kept in Cache Storage ("parley-models", the same
 * cache the service worker's rule for /models/* uses): a file's URL carries its hash
 * (lib/ai/manifest.ts modelDir), so a cached copy is never stale. Works in workers and pages,
 * with or without a service worker (embeds may have none).
 */
export const MODEL_CACHE = "parley-models";

export async function fetchModel(url: string, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const cache = typeof caches === "undefined" ? null : await caches.open(MODEL_CACHE).catch(() => null);
  const cached = await cache?.match(url);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  }
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("content-length")) || 0;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress?.(loaded, total || loaded);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  // Best effort: a full disk or a private window only means downloading again next time.
  await cache?.put(url, new Response(bytes, { headers: { "content-type": response.headers.get("content-type") ?? "application/octet-stream" } })).catch(() => undefined);
  return bytes;
}
