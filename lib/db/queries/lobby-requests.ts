import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { lobbyRequests, type LobbyRequest, type LobbyStatus } from "../schema";

/**
 * Records a knock; knocking again while waiting keeps the original place in line. A denied person
 * stays denied; someone a host removed starts waiting again, at the back of the line.
 * A waiting request with a `decidedBy` is such a removed person.
 */
export async function knock({ meetingId, identity, displayName }: { meetingId: string; identity: string; displayName: string }): Promise<LobbyRequest> {
  const db = await getDb();
  await db
    .insert(lobbyRequests)
    .values({ meetingId, identity, displayName })
    .onConflictDoUpdate({
      target: [lobbyRequests.meetingId, lobbyRequests.identity],
      // decidedBy/decidedAt keep who removed them: a removed person waiting again is still not let in.
      set: { status: "waiting", displayName, requestedAt: new Date() },
      setWhere: eq(lobbyRequests.status, "removed"),
    });
  return (await getLobbyRequest({ meetingId, identity }))!;
}

/** A host removed them (no ban): whatever the lobby setting, they knock before they come back. */
export async function markRemoved({ meetingId, identity, displayName, removedBy }: { meetingId: string; identity: string; displayName: string; removedBy: string }) {
  const db = await getDb();
  const decided = { status: "removed" as const, decidedAt: new Date(), decidedBy: removedBy };
  await db
    .insert(lobbyRequests)
    .values({ meetingId, identity, displayName, ...decided })
    .onConflictDoUpdate({ target: [lobbyRequests.meetingId, lobbyRequests.identity], set: decided });
}

export async function getLobbyRequest({ meetingId, identity }: { meetingId: string; identity: string }): Promise<LobbyRequest | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(lobbyRequests)
    .where(and(eq(lobbyRequests.meetingId, meetingId), eq(lobbyRequests.identity, identity)))
    .limit(1);
  return row;
}

export async function listWaiting({ meetingId }: { meetingId: string }): Promise<LobbyRequest[]> {
  const db = await getDb();
  return db
    .select()
    .from(lobbyRequests)
    .where(and(eq(lobbyRequests.meetingId, meetingId), eq(lobbyRequests.status, "waiting")))
    .orderBy(asc(lobbyRequests.requestedAt));
}

/** Decides one waiting request (or all of them when identity is omitted); returns the identities decided. */
export async function decideLobby({
  meetingId,
  identity,
  status,
  decidedBy,
}: {
  meetingId: string;
  identity?: string;
  status: Exclude<LobbyStatus, "waiting">;
  decidedBy: string;
}): Promise<string[]> {
  const db = await getDb();
  const where = identity
    ? and(eq(lobbyRequests.meetingId, meetingId), eq(lobbyRequests.identity, identity), eq(lobbyRequests.status, "waiting"))
    : and(eq(lobbyRequests.meetingId, meetingId), eq(lobbyRequests.status, "waiting"));
  const rows = await db
    .update(lobbyRequests)
    .set({ status, decidedAt: new Date(), decidedBy })
    .where(where)
    .returning({ identity: lobbyRequests.identity });
  return rows.map((r) => r.identity);
}
