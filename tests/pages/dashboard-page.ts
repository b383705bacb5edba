import { expect, type Page } from "@playwright/test";

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/dashboard");
  }

  /** Creates an instant meeting and returns its code (the page moves to /m/<code>). */
  async createInstantMeeting(title: string): Promise<string> {
    await this.goto();
    await this.page.getByLabel("Title").fill(title);
    await this.page.getByRole("button", { name: "Create" }).click();
    await expect(this.page).toHaveURL(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  async scheduleMeeting(title: string, startsAtLocal: string) {
    await this.goto();
    await this.page.getByLabel("Schedule a meeting").check();
    await this.page.getByLabel("Title").fill(title);
    await this.page.getByLabel("Starts at").fill(startsAtLocal);
    await this.page.getByRole("button", { name: "Create" }).click();
    await expect(this.page.getByTestId("upcoming-meetings").getByText(title)).toBeVisible();
  }
}
