/**
 * Fixed loopback ports for test services, away from the dev defaults (3000, 7880).
 * `PARLEY_TEST_PORT_OFFSET` (a multiple of 100) moves them all, so a second checkout can run its
 * suites beside this one without sharing a port.
 */
const offset = Number(process.env.PARLEY_TEST_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset % 100 !== 0 || offset > 5000) {
  throw new Error(`PARLEY_TEST_PORT_OFFSET must be a multiple of 100 between 0 and 5000, not ${process.env.PARLEY_TEST_PORT_OFFSET}`);
}

export const TEST_PORTS = {
  postgres: 54329 + offset,
  neonProxy: 54330 + offset,
  livekit: 7890 + offset,
  webhookSink: 7899 + offset,
  redis: 56379 + offset,
  upstashProxy: 56380 + offset,
  /** MinIO's S3 API (its console takes the next port). */
  minio: 59000 + offset,
  /** A static server of public/ for the browser-worker integration tests. */
  workerPages: 59050 + offset,
  /** Next.js server for end-to-end tests, and the LiveKit server it uses. */
  e2eApp: 3100 + offset,
  e2eLivekit: 7910 + offset,
  /** MinIO for end-to-end tests: recordings go to S3 there (console on the next port). */
  e2eMinio: 59010 + offset,
  /** The transcription server the end-to-end app is configured with; the captions-server spec starts and stops it. */
  e2eTranscription: 59020 + offset,
  /** Stand-ins for other websites that embed meetings (one allowed, one not). */
  embedSite: 3102 + offset,
  otherSite: 3103 + offset,
} as const;
