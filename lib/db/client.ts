import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type Handle = { db: Db; migrate(folder: string): Promise<void>; close(): Promise<void> };

/** One client per process, kept across dev hot reloads. */
const globalForDb = globalThis as unknown as { parleyDb?: Promise<Handle> };

export function getDbHandle(): Promise<Handle> {
  globalForDb.parleyDb ??= openDatabase().catch((err) => {
    globalForDb.parleyDb = undefined;
    throw err;
  });
  return globalForDb.parleyDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

async function openDatabase(): Promise<Handle> {
  const env = getEnv();
  switch (env.databaseDriver) {
    case "pglite": {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      const dir = path.resolve(env.DATA_DIR, "pglite");
      mkdirSync(dir, { recursive: true });
      const client = new PGlite(dir);
      const db = drizzle(client, { schema });
      return {
        db: db as unknown as Db,
        migrate: (folder) => migrate(db, { migrationsFolder: folder }),
        close: () => client.close(),
      };
    }
    case "pg": {
      const { Pool } = await import("pg");
      const { drizzle } = await import("drizzle-orm/node-postgres");
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const pool = new Pool({ connectionString: env.DATABASE_URL, max: 10 });
      const db = drizzle(pool, { schema });
      return {
        db: db as unknown as Db,
        migrate: (folder) => migrate(db, { migrationsFolder: folder }),
        close: () => pool.end(),
      };
    }
    case "neon": {
      const { Pool, neonConfig } = await import("@neondatabase/serverless");
      const { drizzle } = await import("drizzle-orm/neon-serverless");
      const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
      const { default: WebSocket } = await import("ws");
      neonConfig.webSocketConstructor = WebSocket;
      if (env.NEON_WS_PROXY) {
        // A local WebSocket→TCP proxy (tests, self-hosted Postgres): plain ws, no pipelining.
        const proxy = env.NEON_WS_PROXY;
        neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
        neonConfig.useSecureWebSocket = false;
        neonConfig.pipelineConnect = false;
        neonConfig.pipelineTLS = false;
      }
      const pool = new Pool({ connectionString: env.DATABASE_URL });
      const db = drizzle(pool, { schema });
      return {
        db: db as unknown as Db,
        migrate: (folder) => migrate(db, { migrationsFolder: folder }),
        close: () => pool.end(),
      };
    }
  }
}

export async function closeDb() {
  const handle = globalForDb.parleyDb;
  globalForDb.parleyDb = undefined;
  if (handle) await (await handle).close();
}
