import { z } from "zod";
import { embedOriginListSchema } from "./embed-origins";

/**
 * The only reader of process.env. Parsed once, lazily, so `next build` can
 * import modules without a full runtime configuration.
 */
const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional());
/** `true` = one reverse proxy in front of the app, or how many there are; `false` = none. */
const trustProxySchema = z.union([
  z.enum(["true", "false"]).transform((v) => (v === "true" ? 1 : 0)),
  z.coerce.number().int().min(0).max(10),
]);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    DATABASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    DATABASE_DRIVER: z.preprocess(emptyToUndefined, z.enum(["pglite", "pg", "neon"]).optional()),
    NEON_WS_PROXY: optionalString,
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
    /** How long a sign-in lasts (sliding: refreshed while used). 5 min to 30 days. */
    SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(30 * 86_400).default(8 * 3600),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    LIVEKIT_URL: z.url(),
    LIVEKIT_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    LIVEKIT_API_KEY: z.string().min(1),
    LIVEKIT_API_SECRET: z.string().min(32, "LIVEKIT_API_SECRET must be at least 32 characters"),
    LIVEKIT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(600),
    UPSTASH_REDIS_REST_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    TRUST_PROXY: z.preprocess(emptyToUndefined, trustProxySchema.default(0)),
    RATE_LIMIT_MULTIPLIER: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1000).default(1)),
    /** S3 (or MinIO, …) for recordings; files under DATA_DIR/objects when S3_BUCKET is unset. */
    S3_BUCKET: optionalString,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
    S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
    S3_PUBLIC_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /**
     * "true" when a LiveKit Egress service serves this LiveKit server: hosts may then record on the
     * server (RoomComposite egress to the S3 bucket) besides in their browser. Needs S3.
     */
    LIVEKIT_EGRESS: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("false")),
    /**
     * Credentials handed to LiveKit Egress for its uploads, instead of the app's S3 keys: meant for a
     * key that may only write under `recordings/` of S3_BUCKET (README has the policy). Egress is
     * another service, often run by someone else; it should not hold keys that can read or delete
     * every recording.
     */
    EGRESS_S3_ACCESS_KEY_ID: optionalString,
    EGRESS_S3_SECRET_ACCESS_KEY: optionalString,
    /** Origins allowed to embed every meeting in an iframe (each meeting can add its own). */
    EMBED_ALLOWED_ORIGINS: z.preprocess(emptyToUndefined, embedOriginListSchema.default([])),
    /**
     * An OpenAI-compatible speech-to-text server (`POST …/v1/audio/transcriptions`) that a host may
     * choose to make a meeting's captions on, instead of each speaker's browser; never for an
     * end-to-end encrypted meeting. Unset: captions are only made in the browsers.
     */
    TRANSCRIPTION_SERVER_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, message: "TRANSCRIPTION_SERVER_URL must be an http(s) URL" })
        .refine((url) => !new URL(url).username && !new URL(url).password, "Put no credentials in TRANSCRIPTION_SERVER_URL; use TRANSCRIPTION_SERVER_API_KEY")
        .optional(),
    ),
    /** The `model` field sent with each request. */
    TRANSCRIPTION_SERVER_MODEL: z.preprocess(emptyToUndefined, z.string().max(200).default("whisper-1")),
    /** Sent as `Authorization: Bearer …` when set. */
    TRANSCRIPTION_SERVER_API_KEY: optionalString,
    /** What participants are told captions are made on; the URL's host when unset. */
    TRANSCRIPTION_SERVER_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(80).optional()),
    TRANSCRIPTION_SERVER_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(300).default(30)),
    /** verbose_json also gives the detected language and each segment's no-speech probability; json is for servers without it. */
    TRANSCRIPTION_SERVER_RESPONSE_FORMAT: z.preprocess(emptyToUndefined, z.enum(["verbose_json", "json"]).default("verbose_json")),
  })
  .refine((e) => !e.S3_BUCKET || (e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY), {
    path: ["S3_ACCESS_KEY_ID"],
    message: "S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
  })
  .refine((e) => !e.EGRESS_S3_ACCESS_KEY_ID === !e.EGRESS_S3_SECRET_ACCESS_KEY, {
    path: ["EGRESS_S3_SECRET_ACCESS_KEY"],
    message: "set both EGRESS_S3_ACCESS_KEY_ID and EGRESS_S3_SECRET_ACCESS_KEY, or neither",
  })
  .refine((e) => !e.EGRESS_S3_ACCESS_KEY_ID || e.S3_BUCKET, {
    path: ["EGRESS_S3_ACCESS_KEY_ID"],
    message: "EGRESS_S3_ACCESS_KEY_ID is for uploads to S3_BUCKET; set S3_BUCKET too",
  })
  .refine((e) => e.TRANSCRIPTION_SERVER_URL || (!e.TRANSCRIPTION_SERVER_API_KEY && !e.TRANSCRIPTION_SERVER_NAME), {
    path: ["TRANSCRIPTION_SERVER_URL"],
    message: "TRANSCRIPTION_SERVER_API_KEY and TRANSCRIPTION_SERVER_NAME configure a transcription server; set TRANSCRIPTION_SERVER_URL too",
  })
  .refine((e) => !e.UPSTASH_REDIS_REST_URL === !e.UPSTASH_REDIS_REST_TOKEN, {
    path: ["UPSTASH_REDIS_REST_TOKEN"],
    message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
  })
  .transform((e) => ({
    ...e,
    databaseDriver: pickDatabaseDriver(e.DATABASE_URL, e.DATABASE_DRIVER),
    livekitPublicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL,
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET } : undefined,
    google: e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? { clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET } : undefined,
    upstash: e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN ? { url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN } : undefined,
    kvDriver: e.UPSTASH_REDIS_REST_URL ? ("upstash" as const) : ("memory" as const),
    trustedProxyHops: e.TRUST_PROXY,
    rateLimitMultiplier: e.RATE_LIMIT_MULTIPLIER,
    embedAllowedOrigins: e.EMBED_ALLOWED_ORIGINS,
    transcriptionServer: e.TRANSCRIPTION_SERVER_URL
      ? {
          endpoint: transcriptionEndpoint(e.TRANSCRIPTION_SERVER_URL),
          model: e.TRANSCRIPTION_SERVER_MODEL,
          apiKey: e.TRANSCRIPTION_SERVER_API_KEY,
          name: e.TRANSCRIPTION_SERVER_NAME ?? new URL(e.TRANSCRIPTION_SERVER_URL).host,
          timeoutMs: e.TRANSCRIPTION_SERVER_TIMEOUT_SECONDS * 1000,
          responseFormat: e.TRANSCRIPTION_SERVER_RESPONSE_FORMAT,
        }
      : undefined,
    serverRecording: e.LIVEKIT_EGRESS === "true" && Boolean(e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY),
    s3:
      e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            publicEndpoint: e.S3_PUBLIC_ENDPOINT,
            // MinIO and most self-hosted S3 servers want path-style addresses; AWS wants virtual hosts.
            forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : Boolean(e.S3_ENDPOINT),
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            // The limited key for Egress's uploads; unset, Egress gets the app's own (see README).
            ...(e.EGRESS_S3_ACCESS_KEY_ID && e.EGRESS_S3_SECRET_ACCESS_KEY
              ? { egressCredentials: { accessKeyId: e.EGRESS_S3_ACCESS_KEY_ID, secretAccessKey: e.EGRESS_S3_SECRET_ACCESS_KEY } }
              : {}),
          }
        : undefined,
  }));

export type Env = z.infer<typeof envSchema>;

export function pickDatabaseDriver(url: string | undefined, forced: "pglite" | "pg" | "neon" | undefined) {
  if (forced) return forced;
  if (!url) return "pglite" as const;
  return new URL(url).hostname.endsWith(".neon.tech") ? ("neon" as const) : ("pg" as const);
}

/**
 * Where transcriptions are posted: `<base>/v1/audio/transcriptions`. A base that already ends in
 * `/v1` (as OpenAI's client libraries write it) gets no second one.
 */
export function transcriptionEndpoint(base: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, "");
  url.pathname = `${path}${path.endsWith("/v1") ? "" : "/v1"}/audio/transcriptions`;
  return url.toString();
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Whether this process runs inside the Next.js Node.js server (not the edge runtime). */
export function isNodeServerRuntime() {
  return process.env.NEXT_RUNTIME === "nodejs";
}

/**
 * Auth.js reads AUTH_URL from process.env itself to build its URLs (session lookups, OAuth
 * callbacks). Unset, it takes them from X-Forwarded-Host/-Proto, which any client can send:
 * a garbage value made every auth() call throw (a 500), and a foreign host would steer OAuth
 * callbacks. Called once at start-up to pin it to our public URL.
 */
export function pinAuthUrlToAppUrl() {
  const appUrl = getEnv().APP_URL;
  if (appUrl) process.env.AUTH_URL ??= appUrl;
}
