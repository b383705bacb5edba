import { expect, type Page } from "@playwright/test";

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async signUp({ name, email, password }: { name: string; email: string; password: string }) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page).toHaveURL(/\/dashboard$/);
  }
}
