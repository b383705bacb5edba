import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakePage, FakeWindow, flush } from "./fake-window.fake";
import { ParleyEmbed, ParleyEmbedError, type ParleyEmbedOptions } from "./parent";
import { PROTOCOL, type CommandEnvelope } from "./protocol";

const PAGE = "https://host.example";
const MEET = "https://meet.example.com";
const URL_ = `${MEET}/embed/abc-defg-hij`;
const meeting = { code: "abc-defg-hij", title: "Standup" };

function setup(options: Partial<ParleyEmbedOptions> = {}) {
  const fake = createFakePage(PAGE, MEET);
  const embed = new ParleyEmbed({ url: URL_, container: fake.asElement(), window: fake.asWindow(fake.page), ...options });
  const frame = fake.frame;
  /** A message the real frame sends: the browser stamps its origin and window. */
  const fromFrame = (data: Record<string, unknown>) => fake.page.receive({ protocol: PROTOCOL, ...data }, { origin: MEET, source: frame });
  const sayReady = () => fromFrame({ kind: "event", event: "ready", meeting });
  const commands = () => frame.posted.map((p) => p.message as CommandEnvelope);
  return { ...fake, frame, embed, fromFrame, sayReady, commands };
}

/** Tracks a promise without awaiting it, so a test can assert it is still pending. */
function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "resolved" | "rejected"; error?: unknown } = { status: "pending" };
  promise.then(
    () => (state.status = "resolved"),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ParleyEmbed iframe", () => {
  it("builds the src from the url, the page origin, the name and the language, keeping the url's own query", () => {
    const { embed, container } = setup({ url: `${URL_}?theme=dark&origin=https://evil.example`, displayName: "Ada Lovelace", lang: "zh-CN" });
    const src = new URL(embed.iframe.src);
    expect(src.origin + src.pathname).toBe(URL_);
    expect(src.searchParams.get("theme")).toBe("dark");
    // A caller-supplied origin= must not survive: the page's real origin replaces it.
    expect(src.searchParams.getAll("origin")).toEqual([PAGE]);
    expect(src.searchParams.get("name")).toBe("Ada Lovelace");
    expect(src.searchParams.get("lang")).toBe("zh-CN");
    expect(embed.iframe.src).toContain(`origin=${encodeURIComponent(PAGE)}`);
    expect(container.children).toEqual([embed.iframe]);
  });

  it("sets permissions, a title and full-size borderless styling", () => {
    const { embed } = setup();
    expect(embed.iframe.getAttribute("allow")).toBe("camera; microphone; display-capture; autoplay; fullscreen; clipboard-write");
    expect(embed.iframe.title).toBe("Parley meeting");
    expect(embed.iframe.style).toMatchObject({ width: "100%", height: "100%", border: "0" });
    expect(new URL(embed.iframe.src).searchParams.has("name")).toBe(false);
    expect(setup({ title: "Team call" }).embed.iframe.title).toBe("Team call");
  });

  it("refuses urls that are not http(s)", () => {
    expect(() => setup({ url: "javascript:alert(1)" })).toThrow(TypeError);
    expect(() => setup({ url: "data:text/html,hi" })).toThrow(TypeError);
  });
});

describe("ParleyEmbed commands", () => {
  it("queues commands until the frame is ready, then sends them in order to the exact frame origin", async () => {
    const { embed, frame, sayReady, commands } = setup();
    const ready = track(embed.ready);
    void embed.join({ displayName: "Ada", audio: true });
    void embed.toggleMic(false);
    await flush();
    expect(frame.posted).toEqual([]);
    expect(ready.status).toBe("pending");

    sayReady();
    await expect(embed.whenReady()).resolves.toEqual(meeting);
    expect(commands().map((c) => c.command)).toEqual(["join", "toggleMic"]);
    expect(commands()[0]).toMatchObject({ protocol: PROTOCOL, kind: "command", displayName: "Ada", audio: true });
    expect(frame.posted.every((p) => p.targetOrigin === MEET)).toBe(true);
    expect(new Set(commands().map((c) => c.id)).size).toBe(2);
  });

  it("sends at once after ready and resolves or rejects each command by its id", async () => {
    const { embed, sayReady, fromFrame, commands } = setup();
    sayReady();
    await embed.ready;
    const chat = track(embed.sendChat("hi"));
    const hand = track(embed.raiseHand(true));
    const [chatCmd, handCmd] = commands();
    expect(chatCmd).toMatchObject({ command: "sendChat", text: "hi" });

    fromFrame({ kind: "result", id: handCmd.id, ok: false, error: { code: "not_joined", message: "Join first." } });
    await flush();
    expect(chat.status).toBe("pending");
    expect(hand.status).toBe("rejected");
    expect(hand.error).toBeInstanceOf(ParleyEmbedError);
    expect(hand.error).toMatchObject({ code: "not_joined", message: "Join first." });

    fromFrame({ kind: "result", id: chatCmd.id, ok: true });
    await flush();
    expect(chat.status).toBe("resolved");
  });

  it("ignores a forged result from another origin, even with the pending id and the frame's window", async () => {
    const { embed, page, frame, sayReady, fromFrame, commands } = setup();
    sayReady();
    await embed.ready;
    const leave = track(embed.leave());
    const { id } = commands()[0];

    page.receive({ protocol: PROTOCOL, kind: "result", id, ok: true }, { origin: "https://evil.example", source: frame });
    page.receive({ protocol: PROTOCOL, kind: "result", id, ok: true }, { origin: "null", source: frame });
    await flush();
    expect(leave.status).toBe("pending");

    fromFrame({ kind: "result", id, ok: true });
    await flush();
    expect(leave.status).toBe("resolved");
  });

  it("ignores a forged result from the frame's origin but another window", async () => {
    const { embed, page, sayReady, commands } = setup();
    sayReady();
    await embed.ready;
    const leave = track(embed.leave());
    const { id } = commands()[0];

    const otherTab = new FakeWindow(MEET);
    page.receive({ protocol: PROTOCOL, kind: "result", id, ok: true }, { origin: MEET, source: otherTab });
    page.receive({ protocol: PROTOCOL, kind: "result", id, ok: true }, { origin: MEET, source: null });
    await flush();
    expect(leave.status).toBe("pending");
  });

  it("does not become ready on a forged ready event", async () => {
    const { embed, page, frame, commands } = setup();
    const ready = track(embed.ready);
    void embed.leave();
    const forgedReady = { protocol: PROTOCOL, kind: "event", event: "ready", meeting };
    page.receive(forgedReady, { origin: "https://evil.example", source: frame });
    page.receive(forgedReady, { origin: MEET, source: new FakeWindow(MEET) });
    await flush();
    expect(ready.status).toBe("pending");
    expect(commands()).toEqual([]);
  });

  it("rejects with code timeout when the frame never answers", async () => {
    vi.useFakeTimers();
    const { embed, sayReady } = setup({ commandTimeoutMs: 1000 });
    sayReady();
    await embed.ready;
    const mic = track(embed.toggleMic());
    await vi.advanceTimersByTimeAsync(999);
    expect(mic.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(mic.status).toBe("rejected");
    expect(mic.error).toMatchObject({ code: "timeout" });
  });

  it("times out queued commands too when the frame never becomes ready", async () => {
    vi.useFakeTimers();
    const { embed } = setup();
    const join = track(embed.join());
    await vi.advanceTimersByTimeAsync(15_000);
    expect(join.error).toMatchObject({ code: "timeout" });
  });

  it("rejects invalid arguments immediately instead of letting the frame drop them", async () => {
    const { embed, frame, sayReady } = setup();
    sayReady();
    await embed.ready;
    await expect(embed.sendChat("")).rejects.toMatchObject({ code: "invalid_command" });
    await expect(embed.sendChat("x".repeat(4001))).rejects.toMatchObject({ code: "invalid_command" });
    await expect(embed.setDisplayName("n".repeat(81))).rejects.toMatchObject({ code: "invalid_command" });
    expect(frame.posted).toEqual([]);
  });

  it("ignores a late result for a command that already timed out", async () => {
    vi.useFakeTimers();
    const { embed, sayReady, fromFrame, commands } = setup({ commandTimeoutMs: 10 });
    sayReady();
    await embed.ready;
    const mic = track(embed.toggleMic());
    await vi.advanceTimersByTimeAsync(10);
    fromFrame({ kind: "result", id: commands()[0].id, ok: true });
    await flush();
    expect(mic.status).toBe("rejected");
  });
});

describe("ParleyEmbed events", () => {
  it("delivers typed events to subscribers until they unsubscribe", async () => {
    const { embed, fromFrame } = setup();
    const texts: string[] = [];
    const mic = vi.fn();
    const unsubscribe = embed.on("chatReceived", (e) => texts.push(e.message.text));
    embed.on("micChanged", mic);
    const chat = { id: "m1", from: { identity: "u1", name: "Bob" }, text: "hello", sentAt: "2025-03-01T10:00:00Z" };

    fromFrame({ kind: "event", event: "chatReceived", message: chat });
    fromFrame({ kind: "event", event: "micChanged", enabled: false });
    await flush();
    expect(texts).toEqual(["hello"]);
    expect(mic).toHaveBeenCalledWith({ event: "micChanged", enabled: false });

    unsubscribe();
    embed.off("micChanged", mic);
    fromFrame({ kind: "event", event: "chatReceived", message: chat });
    fromFrame({ kind: "event", event: "micChanged", enabled: true });
    await flush();
    expect(texts).toHaveLength(1);
    expect(mic).toHaveBeenCalledTimes(1);
  });

  it("never calls a handler for events from the wrong origin, the wrong window or malformed data", async () => {
    const { embed, page, frame, fromFrame } = setup();
    const handler = vi.fn();
    embed.on("handChanged", handler);
    const data = { protocol: PROTOCOL, kind: "event", event: "handChanged", raised: true };
    page.receive(data, { origin: "https://evil.example", source: frame });
    page.receive(data, { origin: MEET, source: new FakeWindow(MEET) });
    page.receive(data, { origin: PAGE, source: page });
    fromFrame({ kind: "event", event: "handChanged", raised: "yes" });
    await flush();
    expect(handler).not.toHaveBeenCalled();
  });

  it("keeps delivering to other handlers when one throws", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { embed, fromFrame } = setup();
    const second = vi.fn();
    embed.on("cameraChanged", () => {
      throw new Error("page bug");
    });
    embed.on("cameraChanged", second);
    fromFrame({ kind: "event", event: "cameraChanged", enabled: true });
    await flush();
    expect(second).toHaveBeenCalledOnce();
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe("ParleyEmbed.destroy", () => {
  it("rejects pending and queued commands, rejects ready, removes the iframe and the listener", async () => {
    const { embed, page, container, fromFrame } = setup();
    const handler = vi.fn();
    embed.on("micChanged", handler);
    const queued = track(embed.leave());
    const ready = track(embed.ready);
    expect(page.listenerCount).toBe(1);

    embed.destroy();
    await flush();
    expect(queued.error).toMatchObject({ code: "destroyed" });
    expect(ready.error).toMatchObject({ code: "destroyed" });
    expect(container.children).toEqual([]);
    expect(page.listenerCount).toBe(0);
    await expect(embed.toggleMic()).rejects.toMatchObject({ code: "destroyed" });

    fromFrame({ kind: "event", event: "micChanged", enabled: true });
    await flush();
    expect(handler).not.toHaveBeenCalled();
    expect(() => embed.destroy()).not.toThrow();
  });

  it("rejects commands already sent to the frame", async () => {
    const { embed, sayReady } = setup();
    sayReady();
    await embed.ready;
    const share = track(embed.toggleScreenShare(true));
    embed.destroy();
    await flush();
    expect(share.error).toMatchObject({ code: "destroyed" });
  });
});
