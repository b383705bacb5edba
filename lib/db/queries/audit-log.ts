import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { auditLog } from "../schema";

export async function addAuditEntry(entry: {
  meetingId: string | null;
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}) {
  const db = await getDb();
  await db.insert(auditLog).values(entry);
}

export async function listAuditEntries({ meetingId }: { meetingId: string }) {
  const db = await getDb();
  return db.select().from(auditLog).where(eq(auditLog.meetingId, meetingId)).orderBy(asc(auditLog.id));
}
