import { completeRecording, listUploadedParts, requestPartUrl, type RecordingJson } from "./recordings-api";
import { retryDelayMs } from "./part-buffer";

/**
 * Uploads a recording's parts, one at a time and in order, straight to storage through presigned
 * URLs, while the meeting is still being recorded. A failed part (network cut, server restart, an
 * expired link) is retried with back-off — at once when the browser says it is online again — so a
 * network cut loses nothing: the parts wait in memory. Only a refusal (the recording was ended or
 * deleted meanwhile) stops it.
 */
export type UploadProgress = {
  /** Bytes handed to the uploader so far, and how many of them are stored. */
  queuedBytes: number;
  uploadedBytes: number;
  /** Set while a part waits to be retried; what went wrong. */
  retrying: string | null;
};

type Part = { partNumber: number; body: Blob };

export class UploadRefused extends Error {}

export class PartUploader {
  private queue: Part[] = [];
  private done: Array<{ partNumber: number; etag: string | null }> = [];
  private running: Promise<void> | null = null;
  private progress: UploadProgress = { queuedBytes: 0, uploadedBytes: 0, retrying: null };
  private inFlightBytes = 0;
  private fatal: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly onOnline = () => this.wake?.();

  constructor(
    private readonly recordingId: string,
    private readonly onProgress: (progress: UploadProgress) => void,
  ) {
    window.addEventListener("online", this.onOnline);
  }

  add(part: Part): void {
    if (this.fatal) return;
    this.queue.push(part);
    this.progress.queuedBytes += part.body.size;
    this.report();
    this.running ??= this.pump().finally(() => {
      this.running = null;
    });
  }

  /** Waits for every queued part, then joins them into the recording. */
  async finish(durationMs: number): Promise<RecordingJson> {
    while (this.running) await this.running;
    window.removeEventListener("online", this.onOnline);
    if (this.fatal) throw this.fatal;
    let parts = this.done;
    if (parts.some((p) => p.etag === null)) {
      // Storage did not expose ETag to the page (CORS): ask the server which parts it holds.
      const listed = await listUploadedParts(this.recordingId);
      if (!listed.ok) throw new Error(listed.message ?? "Could not list the uploaded parts.");
      const byNumber = new Map(listed.data.parts.map((p) => [p.partNumber, p.etag]));
      parts = parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag ?? byNumber.get(p.partNumber) ?? null }));
    }
    for (let attempt = 1; ; attempt++) {
      const result = await completeRecording(this.recordingId, { parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag ?? "" })), durationMs });
      if (result.ok) return result.data.recording;
      if (result.status >= 400 && result.status < 500) throw new UploadRefused(result.message ?? "The recording could not be finished.");
      await this.pause(retryDelayMs(attempt));
    }
  }

  /** Stops uploading (the parts not yet stored are dropped). */
  abandon(): void {
    this.fatal ??= new UploadRefused("Recording upload abandoned.");
    this.queue = [];
    this.wake?.();
    window.removeEventListener("online", this.onOnline);
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.fatal) {
      const part = this.queue[0];
      for (let attempt = 1; !this.fatal; attempt++) {
        try {
          const etag = await this.send(part);
          this.done.push({ partNumber: part.partNumber, etag });
          this.queue.shift();
          this.progress.uploadedBytes += part.body.size;
          this.progress.retrying = null;
          this.inFlightBytes = 0;
          this.report();
          break;
        } catch (error) {
          this.inFlightBytes = 0;
          if (error instanceof UploadRefused) {
            this.fatal = error;
            break;
          }
          this.progress.retrying = error instanceof Error ? error.message : String(error);
          this.report();
          await this.pause(retryDelayMs(attempt));
        }
      }
    }
  }

  private async send(part: Part): Promise<string | null> {
    const link = await requestPartUrl(this.recordingId, part.partNumber);
    if (!link.ok) {
      if (link.status === 403 || link.status === 404 || link.status === 401) throw new UploadRefused(link.message ?? "The recording no longer accepts uploads.");
      throw new Error(link.message ?? `Could not get an upload link (${link.status || "network"}).`);
    }
    return putWithProgress(link.data.url, part.body, (sent) => {
      this.inFlightBytes = sent;
      this.report();
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private report() {
    this.onProgress({ ...this.progress, uploadedBytes: this.progress.uploadedBytes + this.inFlightBytes });
  }
}

/** PUTs a body with upload progress (fetch has none); resolves with the part's ETag when storage exposes it. */
export function putWithProgress(url: string, body: Blob, onProgress?: (sentBytes: number) => void): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader("ETag"));
      else reject(new Error(`Storage answered ${xhr.status} to an upload.`));
    };
    xhr.onerror = () => reject(new Error("The network dropped during an upload."));
    xhr.ontimeout = () => reject(new Error("An upload timed out."));
    xhr.send(body);
  });
}
