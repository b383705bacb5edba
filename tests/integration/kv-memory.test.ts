import { beforeAll } from "vitest";
import { setTestEnv } from "../helpers/test-env";
import { describeKv } from "./kv-suite";

// The embedded default: no Upstash configuration → in-process memory and our sliding window.
beforeAll(() => {
  setTestEnv({ UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined });
});

describeKv("memory");
