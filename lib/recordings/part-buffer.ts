/**
 * Gathers MediaRecorder's small chunks (one a second) into upload parts: S3 needs every part but
 * the last to be at least 5 MiB. Pure (Blobs in, Blobs out), so it is unit tested.
 */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export class PartBuffer {
  private chunks: Blob[] = [];
  private bytes = 0;
  private next = 1;

  constructor(private readonly partBytes = MIN_PART_BYTES) {}

  /** Adds a chunk; returns a part when enough has gathered. */
  push(chunk: Blob): { partNumber: number; body: Blob } | null {
    if (chunk.size === 0) return null;
    this.chunks.push(chunk);
    this.bytes += chunk.size;
    return this.bytes >= this.partBytes ? this.take() : null;
  }

  /** What is left, as the last part (which may be small); null when nothing is left. */
  flush(): { partNumber: number; body: Blob } | null {
    return this.bytes > 0 ? this.take() : null;
  }

  /** The number the next part will get. */
  get nextPartNumber(): number {
    return this.next;
  }

  /** Bytes recorded but not yet handed out as a part. */
  get pendingBytes(): number {
    return this.bytes;
  }

  private take() {
    const part = { partNumber: this.next++, body: new Blob(this.chunks, { type: this.chunks[0]?.type }) };
    this.chunks = [];
    this.bytes = 0;
    return part;
  }
}

/** How long to wait before retrying a failed upload: 1 s, 2 s, 4 s … up to 30 s, with jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
