/**
 * Speech segments as WAV files, for captions made on a transcription server: the speaker's browser
 * writes each VAD segment (16 kHz mono float) as 16-bit PCM WAV; the server reads it back strictly
 * (one format only) and writes a fresh header before passing the samples on, so nothing but PCM
 * samples ever reaches the transcription server's decoder. Browser-safe, pure.
 */
export const SPEECH_SAMPLE_RATE = 16_000;
const HEADER_BYTES = 44;

/** Float samples in -1..1 to 16-bit PCM (clipped, rounded). */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] || 0));
    out[i] = Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
  }
  return out;
}

/** A canonical 44-byte-header WAV: 16-bit PCM, mono, `sampleRate`. */
export function encodeWav(pcm: Int16Array, sampleRate = SPEECH_SAMPLE_RATE): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(HEADER_BYTES + pcm.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + pcm.length * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, pcm.length * 2, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(HEADER_BYTES + i * 2, pcm[i], true);
  return bytes;
}

/** A speech segment from the VAD (16 kHz mono float) as the WAV the server route takes. */
export function speechSegmentWav(samples: Float32Array): Uint8Array<ArrayBuffer> {
  return encodeWav(floatToPcm16(samples), SPEECH_SAMPLE_RATE);
}

export type PcmWav = { sampleRate: number; pcm: Int16Array };

/**
 * Reads a 16-bit PCM mono WAV at `sampleRate` (chunks other than fmt and data are skipped); anything
 * else, and any size that does not add up, is refused with the reason.
 */
export function readPcmWav(bytes: Uint8Array, sampleRate = SPEECH_SAMPLE_RATE): { ok: true; wav: PcmWav } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (bytes.length < 12) return fail("too short to be a WAV file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (ascii(0) !== "RIFF" || ascii(8) !== "WAVE") return fail("not a RIFF/WAVE file");
  let offset = 12;
  let format: { tag: number; channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = ascii(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (size > bytes.length - body) return fail(`its ${id.trim() || "unnamed"} chunk runs past the end of the file`);
    if (id === "fmt ") {
      if (size < 16) return fail("its fmt chunk is too short");
      format = { tag: view.getUint16(body, true), channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
      if (format.tag !== 1 || format.bits !== 16) return fail("it is not 16-bit integer PCM");
      if (format.channels !== 1) return fail("it is not mono");
      if (format.rate !== sampleRate) return fail(`it is not sampled at ${sampleRate} Hz`);
    } else if (id === "data") {
      if (!format) return fail("its data comes before its fmt chunk");
      if (size % 2 !== 0) return fail("its data is not whole 16-bit samples");
      const pcm = new Int16Array(size / 2);
      for (let i = 0; i < pcm.length; i++) pcm[i] = view.getInt16(body + i * 2, true);
      return { ok: true, wav: { sampleRate, pcm } };
    }
    offset = body + size + (size % 2);
  }
  return fail(format ? "it has no data chunk" : "it has no fmt chunk");
}
