import { decryptStream, E2eeDecryptError, encryptChunk } from "@/lib/e2ee";

/**
 * Recordings of end-to-end encrypted meetings, encrypted in the browser with the meeting's key as
 * lib/e2ee/blob.ts frames: the recorder seals each upload part as one frame, post-processing seals
 * the MP4 and the poster; the server and the bucket only ever hold ciphertext. Each file has its own
 * label (bound into every frame), so frames cannot be swapped between a recording's files.
 */
export type SealedFile = "raw" | "video" | "poster";

export const sealLabel = (recordingId: string, file: SealedFile) => `${recordingId}:${file}`;

/** Frames of processed files: small enough to decrypt in steps, large enough that the overhead is nothing. */
const FILE_FRAME_BYTES = 4 * 1024 * 1024;

export async function sealPart(key: CryptoKey, body: Blob, index: number, recordingId: string, final: boolean): Promise<Blob> {
  const frame = await encryptChunk(key, new Uint8Array(await body.arrayBuffer()), index, sealLabel(recordingId, "raw"), { final });
  return new Blob([frame], { type: "application/octet-stream" });
}

export async function sealFile(key: CryptoKey, file: Blob, recordingId: string, which: SealedFile): Promise<Blob> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const frames: Uint8Array<ArrayBuffer>[] = [];
  const count = Math.max(1, Math.ceil(bytes.length / FILE_FRAME_BYTES));
  for (let i = 0; i < count; i++) {
    const chunk = bytes.subarray(i * FILE_FRAME_BYTES, (i + 1) * FILE_FRAME_BYTES);
    frames.push(await encryptChunk(key, chunk, i, sealLabel(recordingId, which), { final: i === count - 1 }));
  }
  return new Blob(frames, { type: "application/octet-stream" });
}

/**
 * Decrypts a sealed file. A raw recording the server finished after its recorder vanished has no
 * final frame; it is opened anyway (`endMayBeMissing` tells the viewer), since what was captured is
 * all there is.
 */
export async function openSealed(key: CryptoKey, bytes: Uint8Array, recordingId: string, which: SealedFile): Promise<{ bytes: Uint8Array<ArrayBuffer>; endMayBeMissing: boolean }> {
  const label = sealLabel(recordingId, which);
  try {
    return { bytes: await decryptStream(key, bytes, label), endMayBeMissing: false };
  } catch (error) {
    if (which === "raw" && error instanceof E2eeDecryptError && error.reason === "missing_end") {
      return { bytes: await decryptStream(key, bytes, label, { allowMissingEnd: true }), endMayBeMissing: true };
    }
    throw error;
  }
}
