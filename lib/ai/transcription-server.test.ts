import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { floatToPcm16 } from "@/lib/audio/wav";
import { AppError } from "@/lib/errors";
import { json, startFakeTranscriptionServer, type Reply } from "./transcription-server.fake";
import { SIMPLIFIED_CHINESE_PROMPT, transcribeOnServer, type TranscriptionServerConfig } from "./transcription-server";

const wav = { sampleRate: 16_000, pcm: floatToPcm16(Float32Array.from({ length: 8000 }, (_, i) => 0.3 * Math.sin(i / 5))) };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serverReplying(reply: Reply, config: Partial<TranscriptionServerConfig> = {}) {
  const fake = await startFakeTranscriptionServer(reply);
  closers.push(fake.close);
  const server: TranscriptionServerConfig = {
    endpoint: `${fake.url}/v1/audio/transcriptions`,
    model: "whisper-1",
    apiKey: undefined,
    name: "Test server",
    timeoutMs: 5_000,
    responseFormat: "verbose_json",
    ...config,
  };
  return { fake, server };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("transcribeOnServer", () => {
  it("posts the segment as multipart WAV with the model, format, language, Chinese prompt and key", async () => {
    const { fake, server } = await serverReplying((_req, res) => json(res, 200, { text: " 甚至出现交易几乎停滞的情况。", language: "zh", duration: 0.5, segments: [] }), { apiKey: "sk-test" });
    // No segments listed: the text is taken as it is.
    expect(await transcribeOnServer({ ...server, responseFormat: "json" }, { wav, language: "zh" })).toEqual({ text: "甚至出现交易几乎停滞的情况。", language: "zh" });
    const [request] = fake.received;
    expect(request.path).toBe("/v1/audio/transcriptions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.form.get("model")).toBe("whisper-1");
    expect(request.form.get("response_format")).toBe("json");
    expect(request.form.get("language")).toBe("zh");
    expect(request.form.get("prompt")).toBe(SIMPLIFIED_CHINESE_PROMPT);
    const file = request.form.get("file") as File;
    expect(file.type).toBe("audio/wav");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.length).toBe(44 + wav.pcm.length * 2);
    expect(new Int16Array(bytes.slice(44).buffer)).toEqual(wav.pcm);
  });

  it("lets the server detect the language when the speaker's is not known, and sends no prompt", async () => {
    const { fake, server } = await serverReplying((_req, res) => json(res, 200, { text: "Hello there.", language: "english", duration: 0.5, segments: [{ text: "Hello there.", no_speech_prob: 0.01, avg_logprob: -0.2, compression_ratio: 1 }] }));
    expect(await transcribeOnServer(server, { wav, language: "auto" })).toEqual({ text: "Hello there.", language: "en" });
    expect(fake.received[0].form.has("language")).toBe(false);
    expect(fake.received[0].form.has("prompt")).toBe(false);
    expect(fake.received[0].headers.authorization).toBeUndefined();
  });

  it("drops what Whisper itself calls silence, sign-offs and repetition loops", async () => {
    const { server } = await serverReplying((_req, res) =>
      json(res, 200, {
        text: "…",
        language: "zh",
        segments: [
          { text: "大家好", no_speech_prob: 0.1, avg_logprob: -0.3, compression_ratio: 1.1 },
          { text: "谢谢观看", no_speech_prob: 0.7, avg_logprob: -1.4, compression_ratio: 1 },
          { text: "三王三王三王三王三王三王三王三王三王三王", no_speech_prob: 0.1, avg_logprob: -0.5, compression_ratio: 5.2 },
        ],
      }),
    );
    expect(await transcribeOnServer(server, { wav, language: "auto" })).toEqual({ text: "大家好", language: "zh" });
    const { server: silent } = await serverReplying((_req, res) => json(res, 200, { text: " (music)" }));
    expect((await transcribeOnServer(silent, { wav, language: "en" })).text).toBe("");
  });

  it("is a 503 with the server's Retry-After when it is overloaded or failing", async () => {
    for (const [status, retryAfter, expected] of [
      [503, "17", 17],
      [429, undefined, 5],
      [500, "9999", 60],
    ] as const) {
      const { server } = await serverReplying((_req, res) => json(res, status, { error: { message: "busy" } }, retryAfter ? { "retry-after": retryAfter } : {}));
      const error = await failure(transcribeOnServer(server, { wav, language: "en" }));
      expect(error.status, `upstream ${status}`).toBe(503);
      expect(error.code).toBe("service_unavailable:transcription_server");
      expect(error.retryAfterSeconds).toBe(expected);
      const response = error.toResponse();
      expect(response.headers.get("retry-after")).toBe(String(expected));
      expect((await response.json()).error.message).toMatch(/can't be reached/);
    }
  });

  it("is a 503 when nothing listens or no answer comes in time", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const refused = await failure(transcribeOnServer({ endpoint: `http://127.0.0.1:${closed}/v1/audio/transcriptions`, model: "m", apiKey: undefined, name: "x", timeoutMs: 5_000, responseFormat: "json" }, { wav, language: "en" }));
    expect([refused.status, refused.retryAfterSeconds]).toEqual([503, 5]);

    const { server } = await serverReplying(() => undefined /* never answers */, { timeoutMs: 300 });
    const slow = await failure(transcribeOnServer(server, { wav, language: "en" }));
    expect(slow.status).toBe(503);
  });

  it("is a 502 when the server refuses the request or answers something that is not a transcription", async () => {
    const replies: Reply[] = [
      (_req, res) => json(res, 401, { error: { message: "Invalid API key" } }),
      (_req, res) => json(res, 400, { error: { message: "unknown model" } }),
      (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>proxy login</html>"),
      (_req, res) => json(res, 200, { transcript: "wrong field" }),
    ];
    for (const reply of replies) {
      const { server } = await serverReplying(reply);
      const error = await failure(transcribeOnServer(server, { wav, language: "en" }));
      expect(error.status).toBe(502);
      expect(error.code).toBe("bad_gateway:transcription_server");
    }
  });
});
