import { isNodeServerRuntime, pinAuthUrlToAppUrl } from "@/lib/env";

// Runs once when the Next.js server starts, before it serves requests. Migrations
// run here (not in a separate process) because embedded PGlite allows one process only.
export async function register() {
  if (!isNodeServerRuntime()) return;
  pinAuthUrlToAppUrl();
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase();
  const { scheduleRecordingRetention } = await import("@/workers/jobs/recording-retention");
  scheduleRecordingRetention();
}
