import { beforeAll, inject } from "vitest";
import { createTestDatabase, setTestEnv } from "../helpers/test-env";
import { describeQueries } from "./db-suite";

// The Neon serverless driver speaks Postgres over WebSockets; a local proxy forwards to Debian PostgreSQL.
beforeAll(async () => {
  setTestEnv({
    DATABASE_URL: await createTestDatabase(inject("postgresAdminUrl"), "it_neon"),
    DATABASE_DRIVER: "neon",
    NEON_WS_PROXY: inject("neonProxy"),
  });
});

describeQueries("neon");
