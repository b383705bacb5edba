import { describe, expect, it, vi } from "vitest";
import { createFakePage, flush } from "./fake-window.fake";
import { createEmbedFrameBridge, isAllowedOrigin } from "./frame";
import { ParleyEmbed } from "./index";
import type { EmbedCommand } from "./protocol";

const PAGE = "https://host.example";
const MEET = "https://meet.example.com";

// Both halves talking through the fake postMessage, wired the way the app will:
// read ?origin= from the iframe URL, check it against the allow-list, then bridge.
function connect(allowList: readonly string[], onCommand: (command: EmbedCommand) => Promise<void> | void) {
  const fake = createFakePage(PAGE, MEET);
  const embed = new ParleyEmbed({ url: `${MEET}/embed/abc-defg-hij`, container: fake.asElement(), window: fake.asWindow(fake.page) });
  const parentOrigin = new URL(embed.iframe.src).searchParams.get("origin") ?? "";
  const bridge = isAllowedOrigin(parentOrigin, allowList)
    ? createEmbedFrameBridge({ parentOrigin, window: fake.asWindow(fake.frame), onCommand })
    : null;
  return { ...fake, embed, bridge };
}

describe("ParleyEmbed ⇄ createEmbedFrameBridge", () => {
  it("gets ready, runs commands, reports failures and delivers events", async () => {
    const onCommand = vi.fn((command: EmbedCommand) => {
      if (command.command === "startCaptions") throw Object.assign(new Error("Captions are off here."), { code: "captions_disabled" });
    });
    const { embed, bridge } = connect([PAGE], onCommand);
    const joined = vi.fn();
    embed.on("joined", joined);

    const join = embed.join({ displayName: "Ada", video: false });
    bridge?.emit({ event: "ready", meeting: { code: "abc-defg-hij", title: "Standup" } });
    await expect(embed.ready).resolves.toEqual({ code: "abc-defg-hij", title: "Standup" });
    await expect(join).resolves.toBeUndefined();
    expect(onCommand).toHaveBeenCalledWith({ command: "join", displayName: "Ada", video: false });

    await expect(embed.startCaptions()).rejects.toMatchObject({ code: "captions_disabled", message: "Captions are off here." });

    bridge?.emit({ event: "joined", participant: { identity: "u1", name: "Ada" } });
    await flush();
    expect(joined).toHaveBeenCalledWith({ event: "joined", participant: { identity: "u1", name: "Ada" } });
  });

  it("never connects a page that is not on the allow-list", async () => {
    vi.useFakeTimers();
    try {
      const { embed, bridge } = connect(["https://other.example"], () => undefined);
      expect(bridge).toBeNull();
      const leave = embed.leave();
      const settled = expect(leave).rejects.toMatchObject({ code: "timeout" });
      await vi.advanceTimersByTimeAsync(15_000);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });

  it("a frame bridged to the wrong origin cannot reach the page", async () => {
    const fake = createFakePage(PAGE, MEET);
    const embed = new ParleyEmbed({ url: `${MEET}/embed/abc-defg-hij`, container: fake.asElement(), window: fake.asWindow(fake.page) });
    const bridge = createEmbedFrameBridge({ parentOrigin: "https://evil.example", window: fake.asWindow(fake.frame), onCommand: () => undefined });
    const ready = vi.fn();
    embed.on("ready", ready);
    bridge.emit({ event: "ready", meeting: { code: "abc-defg-hij", title: "" } });
    await flush();
    // The browser drops it: the target origin does not match the page.
    expect(fake.page.posted[0].targetOrigin).toBe("https://evil.example");
    expect(ready).not.toHaveBeenCalled();
  });
});
