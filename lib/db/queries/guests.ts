import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { guests, type Guest } from "../schema";

export async function createGuest({
  meetingId,
  displayName,
  canPublish,
}: {
  meetingId: string;
  displayName: string;
  canPublish: boolean;
}): Promise<Guest> {
  const db = await getDb();
  const [guest] = await db
    .insert(guests)
    .values({ id: `guest_${crypto.randomUUID()}`, meetingId, displayName, canPublish })
    .returning();
  return guest;
}

export async function getGuestById({ id }: { id: string }): Promise<Guest | undefined> {
  const db = await getDb();
  const [guest] = await db.select().from(guests).where(eq(guests.id, id)).limit(1);
  return guest;
}

export async function renameGuest({ id, displayName }: { id: string; displayName: string }) {
  const db = await getDb();
  await db.update(guests).set({ displayName }).where(eq(guests.id, id));
}
