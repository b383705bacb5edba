import { afterEach, describe, expect, it, vi } from "vitest";
import { pickDatabaseDriver } from "./env";

describe("pickDatabaseDriver", () => {
  it("uses PGlite without a DATABASE_URL, Neon for Neon hosts, node-postgres otherwise", () => {
    expect(pickDatabaseDriver(undefined, undefined)).toBe("pglite");
    expect(pickDatabaseDriver("postgres://u:p@ep-cool-1234.eu-central-1.aws.neon.tech/db", undefined)).toBe("neon");
    expect(pickDatabaseDriver("postgres://u:p@db.internal:5432/parley", undefined)).toBe("pg");
    expect(pickDatabaseDriver("postgres://u:p@127.0.0.1/db", "neon")).toBe("neon");
  });
});

describe("getEnv", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("names every invalid variable in one error", async () => {
    vi.stubEnv("AUTH_SECRET", "short");
    vi.stubEnv("LIVEKIT_URL", "not a url");
    vi.stubEnv("LIVEKIT_API_KEY", "k");
    vi.stubEnv("LIVEKIT_API_SECRET", "s");
    const { getEnv } = await import("./env");
    expect(() => getEnv()).toThrowError(/AUTH_SECRET[\s\S]*LIVEKIT_URL[\s\S]*LIVEKIT_API_SECRET/);
  });

  it("treats empty optional variables as unset and enables OAuth only with both keys", async () => {
    vi.stubEnv("AUTH_SECRET", "x".repeat(32));
    vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
    vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
    vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("AUTH_GITHUB_ID", "id");
    vi.stubEnv("AUTH_GITHUB_SECRET", "");
    const { getEnv } = await import("./env");
    const env = getEnv();
    expect(env.databaseDriver).toBe("pglite");
    expect(env.github).toBeUndefined();
    expect(env.livekitPublicUrl).toBe("ws://127.0.0.1:7880");
    expect(env.LIVEKIT_TOKEN_TTL_SECONDS).toBe(600);
  });
});

describe("getEnv: key-value store and rate limits", () => {
  const base = () => {
    vi.stubEnv("AUTH_SECRET", "x".repeat(32));
    vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
    vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
    vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
  };

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("defaults to the memory store, no trusted proxy and limits as documented", async () => {
    base();
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
    vi.stubEnv("TRUST_PROXY", "");
    const env = (await import("./env")).getEnv();
    expect(env).toMatchObject({ kvDriver: "memory", upstash: undefined, trustedProxyHops: 0, rateLimitMultiplier: 1 });
  });

  it("uses Upstash when both URL and token are set, and refuses only one of them", async () => {
    base();
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "https://eu1-x.upstash.io");
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", "t0ken");
    expect((await import("./env")).getEnv()).toMatchObject({ kvDriver: "upstash", upstash: { url: "https://eu1-x.upstash.io", token: "t0ken" } });
    vi.resetModules();
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", "");
    const { getEnv } = await import("./env");
    expect(() => getEnv()).toThrowError(/UPSTASH_REDIS_REST_TOKEN: set both/);
  });

  it("reads TRUST_PROXY as true/false or a number of proxies", async () => {
    for (const [value, hops] of [["true", 1], ["false", 0], ["2", 2]] as const) {
      vi.resetModules();
      base();
      vi.stubEnv("TRUST_PROXY", value);
      expect((await import("./env")).getEnv().trustedProxyHops, value).toBe(hops);
    }
    vi.resetModules();
    vi.stubEnv("TRUST_PROXY", "yes");
    const { getEnv } = await import("./env");
    expect(() => getEnv()).toThrowError(/TRUST_PROXY/);
  });
});

describe("getEnv: transcription server", () => {
  const base = () => {
    vi.stubEnv("AUTH_SECRET", "x".repeat(32));
    vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
    vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
    vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
  };

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is absent unless TRANSCRIPTION_SERVER_URL is set", async () => {
    base();
    vi.stubEnv("TRANSCRIPTION_SERVER_URL", "");
    const { getEnv } = await import("./env");
    expect(getEnv().transcriptionServer).toBeUndefined();
  });

  it("posts to <url>/v1/audio/transcriptions, named after the URL's host unless told otherwise", async () => {
    base();
    vi.stubEnv("TRANSCRIPTION_SERVER_URL", "http://asr.internal:8000/");
    const { getEnv } = await import("./env");
    expect(getEnv().transcriptionServer).toEqual({
      endpoint: "http://asr.internal:8000/v1/audio/transcriptions",
      model: "whisper-1",
      apiKey: undefined,
      name: "asr.internal:8000",
      timeoutMs: 30_000,
      responseFormat: "verbose_json",
    });
  });

  it("takes a base that already ends in /v1, a key, a model, a name and a timeout", async () => {
    base();
    vi.stubEnv("TRANSCRIPTION_SERVER_URL", "https://speech.example.com/openai/v1");
    vi.stubEnv("TRANSCRIPTION_SERVER_MODEL", "sensevoice-small");
    vi.stubEnv("TRANSCRIPTION_SERVER_API_KEY", "sk-test");
    vi.stubEnv("TRANSCRIPTION_SERVER_NAME", "  Example's speech cluster ");
    vi.stubEnv("TRANSCRIPTION_SERVER_TIMEOUT_SECONDS", "12");
    vi.stubEnv("TRANSCRIPTION_SERVER_RESPONSE_FORMAT", "json");
    const { getEnv } = await import("./env");
    expect(getEnv().transcriptionServer).toEqual({
      endpoint: "https://speech.example.com/openai/v1/audio/transcriptions",
      model: "sensevoice-small",
      apiKey: "sk-test",
      name: "Example's speech cluster",
      timeoutMs: 12_000,
      responseFormat: "json",
    });
  });

  it("refuses other schemes, credentials in the URL, and a key or name without a URL", async () => {
    for (const [name, value] of [
      ["TRANSCRIPTION_SERVER_URL", "ftp://asr.internal/"],
      ["TRANSCRIPTION_SERVER_URL", "http://user:secret@asr.internal/"],
      ["TRANSCRIPTION_SERVER_API_KEY", "sk-test"],
      ["TRANSCRIPTION_SERVER_NAME", "Our server"],
    ]) {
      vi.resetModules();
      vi.unstubAllEnvs();
      base();
      vi.stubEnv(name, value);
      const { getEnv } = await import("./env");
      expect(() => getEnv(), `${name}=${value}`).toThrowError(/TRANSCRIPTION_SERVER_URL/);
    }
  });
});
