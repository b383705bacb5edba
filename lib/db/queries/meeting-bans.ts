import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "../client";
import { meetingBans } from "../schema";

export async function banFromMeeting({ meetingId, identity, bannedBy }: { meetingId: string; identity: string; bannedBy: string }) {
  const db = await getDb();
  await db.insert(meetingBans).values({ meetingId, identity, bannedBy }).onConflictDoNothing();
}

export async function isBanned({ meetingId, identity }: { meetingId: string; identity: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .select({ identity: meetingBans.identity })
    .from(meetingBans)
    .where(and(eq(meetingBans.meetingId, meetingId), eq(meetingBans.identity, identity)))
    .limit(1);
  return rows.length > 0;
}
