import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_SEGMENT_BYTES, readSpeechSegment } from "./speech-upload";
import { encodeWav, speechSegmentWav } from "./wav";

function upload(body: BodyInit, type = "audio/wav", headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/meetings/abc-defg-hij/captions/transcribe", { method: "POST", headers: { "content-type": type, ...headers }, body, duplex: "half" } as RequestInit);
}

async function refusal(request: Request): Promise<AppError> {
  const error = await readSpeechSegment(request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readSpeechSegment", () => {
  it("keeps the samples of a 16 kHz mono 16-bit WAV", async () => {
    const wav = await readSpeechSegment(upload(speechSegmentWav(new Float32Array(16_000).fill(0.25)), "audio/wav; codecs=1"));
    expect(wav.pcm.length).toBe(16_000);
    expect(wav.pcm[0]).toBe(Math.round(0.25 * 0x7fff));
  });

  it("refuses other media types, other formats and empty speech", async () => {
    expect((await refusal(upload(speechSegmentWav(new Float32Array(1600)), "application/json"))).status).toBe(415);
    expect((await refusal(upload(new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0])))).code).toBe("bad_request:audio");
    expect((await refusal(upload(encodeWav(new Int16Array(16_000), 48_000)))).message).toMatch(/16000 Hz/);
    expect((await refusal(upload(speechSegmentWav(new Float32Array(100))))).message).toMatch(/shorter than 0.1 s/);
  });

  it("refuses more than 30 s, whether the size is declared or only streams in", async () => {
    const long = speechSegmentWav(new Float32Array(31 * 16_000));
    expect((await refusal(upload(long))).status).toBe(413);
    const declared = new Uint8Array(MAX_SEGMENT_BYTES + 1);
    expect((await refusal(upload(declared, "audio/wav", { "content-length": String(declared.length) }))).status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Chunked, no Content-Length: counted while it arrives, and cut off past the limit.
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536));
        if (sent > 10 * MAX_SEGMENT_BYTES) controller.close();
      },
    });
    expect((await refusal(upload(stream))).status).toBe(413);
    expect(sent).toBeLessThan(2 * MAX_SEGMENT_BYTES);
  });
});
