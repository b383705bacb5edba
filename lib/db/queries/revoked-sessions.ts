import "server-only";
import { eq, lt } from "drizzle-orm";
import { getDb } from "../client";
import { revokedSessions } from "../schema";

export async function revokeSession({ sessionId, expiresAt }: { sessionId: string; expiresAt: Date }) {
  const db = await getDb();
  await db.insert(revokedSessions).values({ sessionId, expiresAt }).onConflictDoNothing();
  // Rows are only needed until the session would have expired anyway.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
}

export async function isSessionRevoked({ sessionId }: { sessionId: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.select({ id: revokedSessions.sessionId }).from(revokedSessions).where(eq(revokedSessions.sessionId, sessionId)).limit(1);
  return rows.length > 0;
}
