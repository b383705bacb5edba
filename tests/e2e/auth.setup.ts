import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { STORAGE } from "../fixtures";
import { SignUpPage } from "../pages/auth-pages";

/** Signs up two people once; specs reuse their sessions through storageState. */
for (const [who, file] of Object.entries(STORAGE)) {
  setup(`sign up ${who}`, async ({ page }) => {
    mkdirSync(path.dirname(file), { recursive: true });
    await new SignUpPage(page).signUp({
      name: { host: "Hana Host", other: "Otto Other", cohost: "Cora Cohost", viewer: "Vic Viewer" }[who] ?? who,
      email: `${who}.${Date.now()}@parley.test`,
      password: "correct horse battery",
    });
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session, "session cookie").toBeDefined();
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
    await page.context().storageState({ path: file });
  });
}
