import "server-only";
import path from "node:path";
import { getDbHandle } from "./client";

/** Applies drizzle/ migrations. Safe to call on every start: applied ones are skipped. */
export async function migrateDatabase() {
  const handle = await getDbHandle();
  await handle.migrate(path.resolve(process.cwd(), "drizzle"));
}
