// Runs once when the Next.js server starts, before it serves requests. Migrations
// run here (not in a separate process) because embedded PGlite allows one process only.
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself, not user configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase();
}
