/** Fixed loopback ports for test services, away from the dev defaults (3000, 7880). */
export const TEST_PORTS = {
  postgres: 54329,
  neonProxy: 54330,
  livekit: 7890,
  webhookSink: 7899,
  redis: 56379,
  upstashProxy: 56380,
  /** Next.js server for end-to-end tests, and the LiveKit server it uses. */
  e2eApp: 3100,
  e2eLivekit: 7910,
} as const;
