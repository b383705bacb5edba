import { readFileSync } from "node:fs";

/** Reads a PCM WAV file (8/16-bit integer or 32-bit float, any channel count) as mono floats in -1..1. */
export function readWav(file: string): { sampleRate: number; samples: Float32Array } {
  const buf = readFileSync(file);
  if (buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") throw new Error(`${file} is not a WAV file`);
  let offset = 12;
  let format = 0;
  let channels = 1;
  let sampleRate = 0;
  let bits = 16;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    // espeak-ng writes a streaming header whose data size is 0x7fffffff: trust the file's end instead.
    const size = Math.min(buf.readUInt32LE(offset + 4), buf.length - offset - 8);
    const body = offset + 8;
    if (id === "fmt ") {
      format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
    } else if (id === "data") {
      const bytesPerSample = bits / 8;
      const frames = Math.floor(size / (bytesPerSample * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) {
          const at = body + (i * channels + c) * bytesPerSample;
          sum += format === 3 ? buf.readFloatLE(at) : bits === 16 ? buf.readInt16LE(at) / 32768 : (buf.readUInt8(at) - 128) / 128;
        }
        samples[i] = sum / channels;
      }
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}
