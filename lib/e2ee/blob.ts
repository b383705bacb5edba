// Recordings encrypted chunk by chunk as MediaRecorder hands them over, so they can be uploaded as
// they are made and read back frame by frame. Each frame:
//
//   "PRE1" | plaintext length (u32 BE) | IV (12 bytes) | AES-GCM ciphertext + 16-byte tag
//
// Authenticated but not stored in the frame (AAD): the recording id, the chunk index, the
// plaintext length and whether this is the last chunk. So a frame cannot be moved to another
// recording or another position, the header cannot be edited, and, once the last chunk is marked
// final, dropping frames from the end is detected as well (the STREAM construction's final flag).

import { E2eeDecryptError, openAesGcm } from "./text";

const MAGIC = [0x50, 0x52, 0x45, 0x31]; // "PRE1"
const HEADER_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes a frame adds to its chunk: with a fixed chunk size, frame i starts at i × (size + overhead). */
export const FRAME_OVERHEAD_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;
const MAX_U32 = 0xffff_ffff;
const AAD_DOMAIN = "parley-e2ee-v1 recording\0"; // never equal to text.ts's domain

export type EncryptChunkOptions = {
  /**
   * Mark the recording's last chunk. Without a final frame `decryptStream` refuses the recording
   * (it may have been cut short). When the last chunk has already gone out, close with an empty
   * one: `encryptChunk(key, new Uint8Array(0), nextIndex, recordingId, { final: true })`.
   */
  final?: boolean;
};

export async function encryptChunk(
  key: CryptoKey,
  chunk: Uint8Array,
  index: number,
  recordingId: string,
  options: EncryptChunkOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  checkIndex(index);
  if (chunk.length > MAX_U32) throw new RangeError("A recording chunk must be under 4 GiB");
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = new Uint8Array(
    await globalThis.crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: chunkAad(recordingId, index, chunk.length, options.final ?? false) },
      key,
      asBufferSource(chunk),
    ),
  );
  const frame = new Uint8Array(HEADER_BYTES + IV_BYTES + ciphertext.length);
  const view = new DataView(frame.buffer);
  frame.set(MAGIC, 0);
  view.setUint32(4, chunk.length);
  frame.set(iv, HEADER_BYTES);
  frame.set(ciphertext, HEADER_BYTES + IV_BYTES);
  return frame;
}

/**
 * One whole frame (as `encryptChunk` returned it) → its chunk, for reading a recording piece by
 * piece. Accepts the final frame too; only `decryptStream` can check that nothing is missing.
 */
export async function decryptChunk(
  key: CryptoKey,
  frame: Uint8Array,
  index: number,
  recordingId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  checkIndex(index);
  const parsed = parseFrame(frame, 0);
  if (parsed.end !== frame.length) throw new E2eeDecryptError("malformed", "Expected exactly one recording frame");
  return (await openFrame(key, parsed, index, recordingId)).plaintext;
}

export type DecryptStreamOptions = {
  /**
   * CAUTION: accepts a recording without a final frame, i.e. one that may have lost its end.
   * Only for recordings known to have ended abruptly (the recorder's tab closed, the room ended);
   * tell the viewer the end may be missing.
   */
  allowMissingEnd?: boolean;
};

/**
 * Every frame, in order from index 0, → the concatenated chunks. Throws `E2eeDecryptError` on a
 * frame out of order, from another recording, altered, cut short, followed by anything after the
 * final frame, or ("missing_end") when no frame is final.
 */
export async function decryptStream(
  key: CryptoKey,
  bytes: Uint8Array,
  recordingId: string,
  options: DecryptStreamOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  let sawFinal = false;
  for (let index = 0; offset < bytes.length; index++) {
    if (sawFinal) throw new E2eeDecryptError("malformed", "Data after the recording's final frame");
    if (index > MAX_U32) throw new E2eeDecryptError("malformed", "Too many recording frames");
    const parsed = parseFrame(bytes, offset);
    const { plaintext, final } = await openFrame(key, parsed, index, recordingId);
    chunks.push(plaintext);
    sawFinal = final;
    offset = parsed.end;
  }
  if (!sawFinal && !options.allowMissingEnd) {
    throw new E2eeDecryptError("missing_end", "The recording has no final frame: it may have been cut short");
  }
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

type ParsedFrame = {
  plaintextLength: number;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
  /** Offset just past this frame. */
  end: number;
};

function parseFrame(bytes: Uint8Array, offset: number): ParsedFrame {
  if (bytes.length - offset < HEADER_BYTES) throw new E2eeDecryptError("malformed", "Recording frame cut short");
  if (MAGIC.some((byte, i) => bytes[offset + i] !== byte)) {
    throw new E2eeDecryptError("malformed", "Not a recording frame (bad magic)");
  }
  const plaintextLength = new DataView(bytes.buffer, bytes.byteOffset + offset + 4, 4).getUint32(0);
  const ivStart = offset + HEADER_BYTES;
  const ciphertextStart = ivStart + IV_BYTES;
  const end = ciphertextStart + plaintextLength + TAG_BYTES;
  if (end > bytes.length) throw new E2eeDecryptError("malformed", "Recording frame cut short");
  return {
    plaintextLength,
    iv: bytes.slice(ivStart, ciphertextStart),
    ciphertext: bytes.slice(ciphertextStart, end),
    end,
  };
}

async function openFrame(
  key: CryptoKey,
  frame: ParsedFrame,
  index: number,
  recordingId: string,
): Promise<{ plaintext: Uint8Array<ArrayBuffer>; final: boolean }> {
  // Nearly every frame is not final: try that first, and the final flag only if it fails.
  try {
    const plaintext = await openAesGcm(key, frame.iv, frame.ciphertext, chunkAad(recordingId, index, frame.plaintextLength, false));
    return { plaintext, final: false };
  } catch (error) {
    if (!(error instanceof E2eeDecryptError)) throw error;
  }
  const plaintext = await openAesGcm(key, frame.iv, frame.ciphertext, chunkAad(recordingId, index, frame.plaintextLength, true));
  return { plaintext, final: true };
}

/** domain | u32 id length | id (UTF-8) | u32 index | u32 plaintext length | u8 final. Length-prefixed, so unambiguous. */
function chunkAad(recordingId: string, index: number, plaintextLength: number, final: boolean): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const domain = encoder.encode(AAD_DOMAIN);
  const id = encoder.encode(recordingId);
  const aad = new Uint8Array(domain.length + 4 + id.length + 4 + 4 + 1);
  const view = new DataView(aad.buffer);
  let at = 0;
  aad.set(domain, at);
  at += domain.length;
  view.setUint32(at, id.length);
  at += 4;
  aad.set(id, at);
  at += id.length;
  view.setUint32(at, index);
  at += 4;
  view.setUint32(at, plaintextLength);
  at += 4;
  view.setUint8(at, final ? 1 : 0);
  return aad;
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_U32) {
    throw new RangeError("A chunk index must be an integer from 0 to 2^32 − 1");
  }
}

/** WebCrypto takes views of ArrayBuffer only; copy the rare view of a SharedArrayBuffer. */
function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
