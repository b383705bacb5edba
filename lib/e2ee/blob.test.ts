import { beforeAll, describe, expect, it } from "vitest";
import { decryptChunk, decryptStream, encryptChunk, FRAME_OVERHEAD_BYTES } from "./blob";
import { E2eeDecryptError, encryptText } from "./text";
import { expectDecryptError } from "../../tests/helpers/e2ee";

const RECORDING = "rec_01HZY3Q8V4";
let key: CryptoKey;

beforeAll(async () => {
  key = await newKey();
});

function newKey(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}


function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) globalThis.crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A "recording" cut into chunks of uneven sizes (as MediaRecorder delivers them), each sealed, the last one final. */
async function sealRecording(media: Uint8Array, sizes: number[], recordingId = RECORDING, sealKey = key) {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(media.subarray(at, at + size));
    at += size;
  }
  const frames = await Promise.all(
    chunks.map((chunk, index) => encryptChunk(sealKey, chunk, index, recordingId, { final: index === chunks.length - 1 })),
  );
  return { chunks, frames };
}

const SIZES = [1000, 70_000, 0, 1, 31_000, 5];
const media = randomBytes(SIZES.reduce((a, b) => a + b, 0));

describe("encryptChunk / decryptStream", () => {
  it("round-trips a whole recording, frame by frame", async () => {
    const { frames } = await sealRecording(media, SIZES);
    await expect(decryptStream(key, concat(frames), RECORDING)).resolves.toEqual(media);
    // A view into a larger buffer (e.g. after a download with a prefix) reads the same.
    const inside = concat([new Uint8Array(7), ...frames]).subarray(7);
    await expect(decryptStream(key, inside, RECORDING)).resolves.toEqual(media);
  });

  it("frames each chunk as PRE1 | u32 length | 12-byte IV | ciphertext + 16-byte tag", async () => {
    const chunk = randomBytes(300);
    const frame = await encryptChunk(key, chunk, 0, RECORDING);
    expect(FRAME_OVERHEAD_BYTES).toBe(36);
    expect(frame.length).toBe(300 + FRAME_OVERHEAD_BYTES);
    expect(new TextDecoder().decode(frame.subarray(0, 4))).toBe("PRE1");
    expect(new DataView(frame.buffer).getUint32(4)).toBe(300);
    // Fresh IV per frame: the same chunk never seals to the same bytes.
    const again = await encryptChunk(key, chunk, 0, RECORDING);
    expect(Buffer.from(again.subarray(8, 20)).equals(Buffer.from(frame.subarray(8, 20)))).toBe(false);
  });

  it("can close a recording with an empty final frame after the last chunk went out", async () => {
    const frames = [
      await encryptChunk(key, media.subarray(0, 500), 0, RECORDING),
      await encryptChunk(key, new Uint8Array(0), 1, RECORDING, { final: true }),
    ];
    await expect(decryptStream(key, concat(frames), RECORDING)).resolves.toEqual(media.subarray(0, 500));
  });

  it("accepts chunks backed by a SharedArrayBuffer", async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(64));
    shared.set(media.subarray(0, 64));
    const frame = await encryptChunk(key, shared, 0, RECORDING, { final: true });
    await expect(decryptStream(key, frame, RECORDING)).resolves.toEqual(media.subarray(0, 64));
  });

  it("refuses frames swapped, repeated or dropped from the middle", async () => {
    const { frames } = await sealRecording(media, SIZES);
    const [f0, f1, f2, f3, f4, f5] = frames;
    await expectDecryptError(decryptStream(key, concat([f0, f2, f1, f3, f4, f5]), RECORDING), "authentication");
    await expectDecryptError(decryptStream(key, concat([f0, f1, f1, f2, f3, f4, f5]), RECORDING), "authentication");
    await expectDecryptError(decryptStream(key, concat([f0, f1, f3, f4, f5]), RECORDING), "authentication");
    await expectDecryptError(decryptStream(key, concat([f1, f2, f3, f4, f5]), RECORDING), "authentication");
  });

  it("refuses a recording cut inside a frame", async () => {
    const all = concat((await sealRecording(media, SIZES)).frames);
    for (const cut of [1, 5, 16, 36, 200]) {
      await expectDecryptError(decryptStream(key, all.subarray(0, all.length - cut), RECORDING), "malformed");
    }
  });

  it("refuses a recording cut at a frame boundary, unless told it ended abruptly", async () => {
    const { frames } = await sealRecording(media, SIZES);
    const withoutEnd = concat(frames.slice(0, 4));
    await expectDecryptError(decryptStream(key, withoutEnd, RECORDING), "missing_end");
    await expectDecryptError(decryptStream(key, new Uint8Array(0), RECORDING), "missing_end");
    const expected = media.subarray(0, SIZES.slice(0, 4).reduce((a, b) => a + b, 0));
    await expect(decryptStream(key, withoutEnd, RECORDING, { allowMissingEnd: true })).resolves.toEqual(expected);
  });

  it("refuses anything after the final frame", async () => {
    const { frames } = await sealRecording(media, SIZES);
    const extra = await encryptChunk(key, media.subarray(0, 10), frames.length, RECORDING);
    await expectDecryptError(decryptStream(key, concat([...frames, extra]), RECORDING), "malformed");
  });

  it("refuses altered bytes anywhere in a frame", async () => {
    const all = concat((await sealRecording(media, SIZES)).frames);
    const ivAt = 8;
    const ciphertextAt = 20;
    const tagAt = 20 + SIZES[0];
    for (const [at, reason] of [
      [ivAt, "authentication"],
      [ciphertextAt + 10, "authentication"],
      [tagAt + 3, "authentication"],
      [all.length - 1, "authentication"],
      [0, "malformed"], // magic
    ] as const) {
      const altered = all.slice();
      altered[at] ^= 0x01;
      await expectDecryptError(decryptStream(key, altered, RECORDING), reason);
    }
  });

  it("refuses an edited length field", async () => {
    const all = concat((await sealRecording(media, SIZES)).frames);
    for (const length of [SIZES[0] - 1, SIZES[0] + 1, 0, 0xffff_ffff]) {
      const altered = all.slice();
      new DataView(altered.buffer).setUint32(4, length);
      await expect(decryptStream(key, altered, RECORDING)).rejects.toBeInstanceOf(E2eeDecryptError);
    }
  });

  it("refuses frames of another recording, or another key", async () => {
    const { frames } = await sealRecording(media, SIZES);
    const { frames: foreign } = await sealRecording(media, SIZES, "rec_other");
    await expectDecryptError(decryptStream(key, concat(frames), "rec_other"), "authentication");
    await expectDecryptError(decryptStream(key, concat([frames[0], foreign[1], ...frames.slice(2)]), RECORDING), "authentication");
    await expectDecryptError(decryptStream(await newKey(), concat(frames), RECORDING), "authentication");
  });

  it("keeps text envelopes and recording frames apart under the same key", async () => {
    const envelope = await encryptText(key, "hello", RECORDING);
    const [, , iv, sealed] = envelope.split(":");
    const frame = concat([
      new TextEncoder().encode("PRE1"),
      new Uint8Array([0, 0, 0, 5]),
      Buffer.from(iv, "base64url"),
      Buffer.from(sealed, "base64url"),
    ]);
    await expectDecryptError(decryptStream(key, frame, RECORDING), "authentication");
  });

  it("refuses an index that cannot be framed", async () => {
    for (const index of [-1, 1.5, 2 ** 32, Number.NaN]) {
      await expect(encryptChunk(key, new Uint8Array(1), index, RECORDING)).rejects.toThrow(RangeError);
    }
  });
});

describe("decryptChunk", () => {
  it("opens any single frame at its own index, the final one included", async () => {
    const { chunks, frames } = await sealRecording(media, SIZES);
    for (const [index, frame] of frames.entries()) {
      await expect(decryptChunk(key, frame, index, RECORDING)).resolves.toEqual(chunks[index]);
    }
  });

  it("refuses a frame at another index, of another recording, or with bytes around it", async () => {
    const frame = await encryptChunk(key, media.subarray(0, 100), 3, RECORDING);
    await expectDecryptError(decryptChunk(key, frame, 2, RECORDING), "authentication");
    await expectDecryptError(decryptChunk(key, frame, 3, "rec_other"), "authentication");
    await expectDecryptError(decryptChunk(key, concat([frame, new Uint8Array(1)]), 3, RECORDING), "malformed");
    await expectDecryptError(decryptChunk(key, frame.subarray(0, frame.length - 1), 3, RECORDING), "malformed");
  });
});
