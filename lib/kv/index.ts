import "server-only";
import { getEnv } from "@/lib/env";
import { MemoryKv } from "./memory";
import { createUpstashKv, type UpstashKv } from "./upstash";

export type { KvStore } from "./types";
export type Kv = MemoryKv | UpstashKv;

// The memory store lives on globalThis so dev hot reloads keep counters; the Upstash client is
// stateless (HTTP), so a module-level instance is enough.
const globalForKv = globalThis as unknown as { parleyMemoryKv?: MemoryKv };
let upstash: UpstashKv | undefined;

/** The configured store: Upstash REST when UPSTASH_REDIS_REST_URL/TOKEN are set, else in-process memory. */
export function getKv(): Kv {
  const env = getEnv();
  if (env.upstash) return (upstash ??= createUpstashKv(env.upstash));
  return (globalForKv.parleyMemoryKv ??= new MemoryKv());
}
