import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll } from "vitest";
import { setTestEnv } from "../helpers/test-env";
import { describeQueries } from "./db-suite";

// The embedded default: PGlite in a data folder, as `npm start` uses it.
beforeAll(() => {
  setTestEnv({ DATABASE_URL: undefined, DATABASE_DRIVER: undefined, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "parley-pglite-")) });
});

describeQueries("pglite");
