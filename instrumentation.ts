// Runs once when the Next.js server starts, before it serves requests. Migrations
// run here (not in a separate process) because embedded PGlite allows one process only.
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself, not user configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  // Auth.js reads AUTH_URL from process.env itself to build its URLs (session lookups, OAuth
  // callbacks). Unset, it takes them from X-Forwarded-Host/-Proto, which any client can send:
  // a garbage value made every auth() call throw (a 500), and a foreign host would steer OAuth
  // callbacks. Pinned to our public URL.
  const appUrl = getEnv().APP_URL;
  if (appUrl) process.env.AUTH_URL ??= appUrl;
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase();
}
