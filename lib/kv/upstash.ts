import "server-only";
import { Redis } from "@upstash/redis";
import type { KvStore } from "./types";

// Sets the expiry only while the key has none (PTTL -1), so repeated increments keep the window
// that the first one opened; one script keeps INCRBY and PEXPIRE atomic.
const INCR_WITH_TTL = `
local value = redis.call("INCRBY", KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 and redis.call("PTTL", KEYS[1]) == -1 then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return value`;

/** Upstash Redis over its REST API (`@upstash/redis`): works from serverless functions. */
export class UpstashKv implements KvStore {
  readonly driver = "upstash" as const;

  constructor(readonly redis: Redis) {}

  async get(key: string) {
    const value = await this.redis.get<string | number>(key);
    return value === null ? null : String(value);
  }

  async set(key: string, value: string, options?: { ttlMs?: number }) {
    if (options?.ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, { px: Math.max(1, Math.ceil(options.ttlMs)) });
  }

  async incr(key: string, options?: { by?: number; ttlMs?: number }) {
    const by = options?.by ?? 1;
    if (options?.ttlMs === undefined) return this.redis.incrby(key, by);
    const ttlMs = Math.max(1, Math.ceil(options.ttlMs));
    return Number(await this.redis.eval(INCR_WITH_TTL, [key], [by, ttlMs]));
  }

  async del(key: string) {
    await this.redis.del(key);
  }
}

export function createUpstashKv({ url, token }: { url: string; token: string }): UpstashKv {
  return new UpstashKv(
    new Redis({
      url,
      token,
      // Values are our own strings: no JSON guessing (a stored "123" must come back as "123").
      automaticDeserialization: false,
      // No SDK identification headers sent to the Redis provider.
      enableTelemetry: false,
      // A few quick retries for a dropped connection; a Redis outage must not hold requests for long.
      retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    }),
  );
}
