import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { refuseOtherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const db = await getDb();
  await db.execute(sql`select 1`);
  return Response.json({ ok: true });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
