import { describe, expect, it } from "vitest";
import { encodeWav, floatToPcm16, readPcmWav, speechSegmentWav } from "./wav";

function withChunks(...chunks: Array<[string, Uint8Array]>): Uint8Array {
  const body = chunks.map(([id, data]) => {
    const out = new Uint8Array(8 + data.length + (data.length % 2));
    new TextEncoder().encodeInto(id, out);
    new DataView(out.buffer).setUint32(4, data.length, true);
    out.set(data, 8);
    return out;
  });
  const total = body.reduce((n, c) => n + c.length, 4);
  const out = new Uint8Array(8 + total);
  new TextEncoder().encodeInto("RIFF", out);
  new DataView(out.buffer).setUint32(4, total, true);
  new TextEncoder().encodeInto("WAVE", out.subarray(8));
  let at = 12;
  for (const c of body) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function fmt({ tag = 1, channels = 1, rate = 16_000, bits = 16 } = {}): Uint8Array {
  const out = new Uint8Array(16);
  const v = new DataView(out.buffer);
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, (rate * channels * bits) / 8, true);
  v.setUint16(12, (channels * bits) / 8, true);
  v.setUint16(14, bits, true);
  return out;
}

describe("speech segments as WAV", () => {
  it("round-trips 16 kHz speech through 16-bit PCM within one quantisation step", () => {
    const samples = Float32Array.from({ length: 1600 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 440 * i) / 16_000));
    const read = readPcmWav(speechSegmentWav(samples));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.wav.sampleRate).toBe(16_000);
    expect(read.wav.pcm.length).toBe(1600);
    const back = Array.from(read.wav.pcm, (s) => s / 32768);
    expect(Math.max(...back.map((s, i) => Math.abs(s - samples[i])))).toBeLessThan(1 / 16_384);
  });

  it("clips what is out of range and writes the canonical 44-byte header", () => {
    expect(Array.from(floatToPcm16(Float32Array.from([-2, -1, 0, 1, 2, Number.NaN])))).toEqual([-32768, -32768, 0, 32767, 32767, 0]);
    const wav = encodeWav(Int16Array.from([1, -1]));
    expect(wav.length).toBe(48);
    expect(new TextDecoder().decode(wav.subarray(36, 40))).toBe("data");
  });

  it("skips chunks it does not need (LIST, fact)", () => {
    const data = new Uint8Array(new Int16Array([100, -200]).buffer);
    const read = readPcmWav(withChunks(["LIST", new Uint8Array(5)], ["fmt ", fmt()], ["fact", new Uint8Array(4)], ["data", data]));
    expect(read).toEqual({ ok: true, wav: { sampleRate: 16_000, pcm: Int16Array.from([100, -200]) } });
  });

  it("refuses every other format and any size that does not add up", () => {
    const data = new Uint8Array(8);
    const cases: Array<[Uint8Array, RegExp]> = [
      [new TextEncoder().encode("ID3\u0003 not audio at all"), /RIFF/],
      [withChunks(["fmt ", fmt({ tag: 3, bits: 32 })], ["data", data]), /16-bit integer PCM/],
      [withChunks(["fmt ", fmt({ bits: 8 })], ["data", data]), /16-bit integer PCM/],
      [withChunks(["fmt ", fmt({ channels: 2 })], ["data", data]), /mono/],
      [withChunks(["fmt ", fmt({ rate: 48_000 })], ["data", data]), /16000 Hz/],
      [withChunks(["data", data], ["fmt ", fmt()]), /before its fmt/],
      [withChunks(["fmt ", fmt()]), /no data chunk/],
      [withChunks(["fmt ", fmt()], ["data", new Uint8Array(3)]), /whole 16-bit samples/],
    ];
    for (const [bytes, reason] of cases) {
      const read = readPcmWav(bytes);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(reason);
    }
    // A data chunk that claims more bytes than the file has (a streaming header, or a lie).
    const truncated = speechSegmentWav(new Float32Array(100)).subarray(0, 100);
    const read = readPcmWav(truncated);
    expect(read.ok ? "" : read.reason).toMatch(/runs past the end/);
  });
});
