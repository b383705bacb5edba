/** Fixed loopback ports for test services, away from the dev defaults (3000, 7880). */
export const TEST_PORTS = {
  postgres: 54329,
  neonProxy: 54330,
  livekit: 7890,
  webhookSink: 7899,
  redis: 56379,
  upstashProxy: 56380,
  /** MinIO's S3 API (its console takes the next port). */
  minio: 59000,
  /** A static server of public/ for the browser-worker integration tests. */
  workerPages: 59050,
  /** Next.js server for end-to-end tests, and the LiveKit server it uses. */
  e2eApp: 3100,
  e2eLivekit: 7910,
  /** MinIO for end-to-end tests: recordings go to S3 there (console on the next port). */
  e2eMinio: 59010,
  /** Stand-ins for other websites that embed meetings (one allowed, one not). */
  embedSite: 3102,
  otherSite: 3103,
} as const;
