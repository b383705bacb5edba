import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { webhookEvents } from "../schema";

/** Returns true the first time an event id is seen, false for a redelivery. */
export async function claimWebhookEvent({ id, event }: { id: string; event: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.insert(webhookEvents).values({ id, event }).onConflictDoNothing().returning({ id: webhookEvents.id });
  return rows.length === 1;
}

/** Forgets an event whose handling failed, so the redelivery is processed. */
export async function releaseWebhookEvent({ id }: { id: string }) {
  const db = await getDb();
  await db.delete(webhookEvents).where(eq(webhookEvents.id, id));
}
