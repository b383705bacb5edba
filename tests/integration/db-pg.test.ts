import { beforeAll, inject } from "vitest";
import { createTestDatabase, setTestEnv } from "../helpers/test-env";
import { describeQueries } from "./db-suite";

beforeAll(async () => {
  setTestEnv({ DATABASE_URL: await createTestDatabase(inject("postgresAdminUrl"), "it_pg"), DATABASE_DRIVER: undefined });
});

describeQueries("pg");
