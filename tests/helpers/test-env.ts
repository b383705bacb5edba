import { randomBytes } from "node:crypto";
import pg from "pg";

/** Creates an empty database on the test cluster and returns its URL. */
export async function createTestDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Sets the configuration lib/env.ts reads. Tests call this before importing app
 * modules (each test file has its own module graph).
 */
export function setTestEnv(vars: Record<string, string | undefined>) {
  const base = {
    NODE_ENV: "test",
    AUTH_SECRET: "integration-test-secret-0123456789abcdef",
    LIVEKIT_URL: "ws://127.0.0.1:1",
    LIVEKIT_API_KEY: "unused",
    LIVEKIT_API_SECRET: "unused-unused-unused-unused-unused-unused",
  };
  for (const [key, value] of Object.entries({ ...base, ...vars })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
