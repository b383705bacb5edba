import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { users, type User } from "../schema";

export async function getUserByEmail({ email }: { email: string }): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return user;
}

export async function getUserById({ id }: { id: string }): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Returns undefined when the email is already taken (unique index), instead of throwing. */
export async function createUser({
  email,
  name,
  passwordHash,
}: {
  email: string;
  name: string;
  passwordHash: string;
}): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), name, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user;
}
