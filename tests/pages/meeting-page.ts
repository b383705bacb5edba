import { expect, type Locator, type Page } from "@playwright/test";

/** The /m/<code> page: guest name → pre-join → room. Selectors follow the UI's accessible names. */
export class MeetingPage {
  readonly room: Locator;
  constructor(readonly page: Page) {
    this.room = page.getByTestId("meeting-room");
  }

  async open(code: string) {
    await this.page.goto(`/m/${code}`);
  }

  async continueAsGuest(name: string) {
    await this.page.getByLabel("Your name").fill(name);
    await this.page.getByRole("button", { name: "Continue as guest" }).click();
  }

  /** Opens the meeting, gives a guest name and joins the room. */
  async joinAsGuest(code: string, name: string) {
    await this.open(code);
    await this.continueAsGuest(name);
    await this.join();
  }

  async join() {
    await expect(this.page.getByTestId("prejoin-preview")).toBeVisible();
    await this.page.getByRole("button", { name: "Join now" }).click();
    await expect(this.room).toHaveAttribute("data-connection-state", "connected");
  }

  tile(identityOrSource: { identity?: string; source?: "camera" | "screen_share" }): Locator {
    let selector = '[data-testid="video-tile"]';
    if (identityOrSource.identity) selector += `[data-identity="${identityOrSource.identity}"]`;
    if (identityOrSource.source) selector += `[data-source="${identityOrSource.source}"]`;
    return this.page.locator(selector);
  }

  async openPanel(name: "Chat" | "Participants") {
    const panel = name === "Chat" ? this.page.getByRole("log") : this.page.getByTestId("participant-list");
    if (!(await panel.isVisible())) await this.page.getByRole("button", { name, exact: true }).click();
    await expect(panel).toBeVisible();
    return panel;
  }

  async sendChat(text: string) {
    await this.openPanel("Chat");
    await this.page.getByLabel("Message").fill(text);
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
  }

  chatMessages(): Locator {
    return this.page.getByRole("log").getByTestId("chat-message");
  }

  participantItems(): Locator {
    return this.page.getByTestId("participant-list").getByTestId("participant-item");
  }

  async leave() {
    await this.page.getByRole("button", { name: "Leave meeting" }).click();
  }
}
