import { describe, expect, it, vi } from "vitest";
import { FakeWindow, flush } from "./fake-window.fake";
import { createEmbedFrameBridge, isAllowedOrigin, type EmbedFrameBridgeOptions } from "./frame";
import { PROTOCOL, type EmbedCommand, type EmbedEvent } from "./protocol";

const PAGE = "https://host.example";
const MEET = "https://meet.example.com";

function setup(onCommand: EmbedFrameBridgeOptions["onCommand"] = () => undefined, parentOrigin = PAGE) {
  const page = new FakeWindow(PAGE);
  const frame = new FakeWindow(MEET);
  frame.parent = page;
  frame.sender = page;
  page.sender = frame;
  const spy = vi.fn(onCommand);
  const bridge = createEmbedFrameBridge({ parentOrigin, window: frame as unknown as Window, onCommand: spy });
  /** A command as the real embedding page sends it. */
  const fromPage = (id: string, command: Record<string, unknown>) =>
    frame.receive({ protocol: PROTOCOL, kind: "command", id, ...command }, { origin: PAGE, source: page });
  const results = () => page.posted.map((p) => p.message);
  return { page, frame, bridge, onCommand: spy, fromPage, results };
}

describe("createEmbedFrameBridge commands", () => {
  it("runs a command from the parent and answers ok to the exact parent origin", async () => {
    const { onCommand, fromPage, page } = setup();
    fromPage("c1", { command: "toggleMic", enabled: false, junk: true });
    await flush();
    expect(onCommand).toHaveBeenCalledExactlyOnceWith({ command: "toggleMic", enabled: false });
    expect(page.posted).toEqual([{ message: { protocol: PROTOCOL, kind: "result", id: "c1", ok: true }, targetOrigin: PAGE }]);
  });

  it("ignores commands from another origin or another window, without answering", async () => {
    const { onCommand, frame, page } = setup();
    const data = { protocol: PROTOCOL, kind: "command", id: "c1", command: "leave" };
    frame.receive(data, { origin: "https://evil.example", source: page });
    frame.receive(data, { origin: "null", source: page });
    frame.receive(data, { origin: PAGE, source: new FakeWindow(PAGE) });
    frame.receive(data, { origin: PAGE, source: null });
    frame.receive(data, { origin: MEET, source: frame });
    await flush();
    expect(onCommand).not.toHaveBeenCalled();
    expect(page.posted).toEqual([]);
  });

  it("answers ok:false with the error's code and message when onCommand throws", async () => {
    const { fromPage, results } = setup(async (command) => {
      if (command.command === "sendChat") throw Object.assign(new Error("Join the meeting first."), { code: "not_joined" });
      throw new Error("boom");
    });
    fromPage("c1", { command: "sendChat", text: "hi" });
    fromPage("c2", { command: "leave" });
    await flush();
    expect(results()).toEqual([
      { protocol: PROTOCOL, kind: "result", id: "c1", ok: false, error: { code: "not_joined", message: "Join the meeting first." } },
      { protocol: PROTOCOL, kind: "result", id: "c2", ok: false, error: { code: "command_failed", message: "boom" } },
    ]);
  });

  it("answers ok:false for a synchronous throw and for non-Error values", async () => {
    const { fromPage, results } = setup((command) => {
      if (command.command === "leave") throw "nope";
      throw Object.assign(new Error("x".repeat(5000)), { code: "c".repeat(65) });
    });
    fromPage("c1", { command: "leave" });
    fromPage("c2", { command: "stopCaptions" });
    await flush();
    const [first, second] = results() as { error: { code: string; message: string } }[];
    expect(first.error).toEqual({ code: "command_failed", message: "The command failed." });
    // Capped so the parent's validator still accepts the answer.
    expect(second.error.code).toBe("command_failed");
    expect(second.error.message).toHaveLength(1000);
  });

  it("answers invalid_command to a malformed or unknown command that carries an id", async () => {
    const { onCommand, fromPage, frame, page, results } = setup();
    fromPage("c1", { command: "teleport" });
    fromPage("c2", { command: "sendChat", text: "x".repeat(4001) });
    frame.receive({ protocol: PROTOCOL, kind: "command", command: "leave" }, { origin: PAGE, source: page });
    await flush();
    expect(onCommand).not.toHaveBeenCalled();
    expect(results()).toEqual([
      expect.objectContaining({ id: "c1", ok: false, error: expect.objectContaining({ code: "invalid_command" }) }),
      expect.objectContaining({ id: "c2", ok: false, error: expect.objectContaining({ code: "invalid_command" }) }),
    ]);
  });

  it("runs commands one at a time in arrival order", async () => {
    const log: string[] = [];
    let finishJoin = () => undefined as void;
    const { fromPage, results } = setup(async (command: EmbedCommand) => {
      log.push(`start ${command.command}`);
      if (command.command === "join") await new Promise<void>((resolve) => (finishJoin = resolve));
      log.push(`end ${command.command}`);
    });
    fromPage("c1", { command: "join" });
    fromPage("c2", { command: "toggleMic", enabled: false });
    await flush();
    expect(log).toEqual(["start join"]);
    finishJoin();
    await flush();
    expect(log).toEqual(["start join", "end join", "start toggleMic", "end toggleMic"]);
    expect(results().map((r) => (r as { id: string }).id)).toEqual(["c1", "c2"]);
  });

  it("stops listening on dispose and does not answer commands still running", async () => {
    let finish = () => undefined as void;
    const { bridge, fromPage, frame, page, onCommand } = setup(() => new Promise<void>((resolve) => (finish = resolve)));
    fromPage("c1", { command: "leave" });
    await flush();
    bridge.dispose();
    finish();
    fromPage("c2", { command: "leave" });
    await flush();
    expect(onCommand).toHaveBeenCalledOnce();
    expect(page.posted).toEqual([]);
    expect(frame.listenerCount).toBe(0);
  });
});

describe("createEmbedFrameBridge events", () => {
  it("posts valid events to the exact parent origin", () => {
    const { bridge, page } = setup();
    bridge.emit({ event: "handChanged", raised: true });
    expect(page.posted).toEqual([{ message: { protocol: PROTOCOL, kind: "event", event: "handChanged", raised: true }, targetOrigin: PAGE }]);
  });

  it("normalises the parent origin it was given", () => {
    const { bridge, page } = setup(undefined, "HTTPS://Host.Example:443/");
    bridge.emit({ event: "micChanged", enabled: true });
    expect(page.posted[0].targetOrigin).toBe(PAGE);
  });

  it("drops invalid events instead of posting them", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { bridge, page } = setup();
    bridge.emit({ event: "joined", participant: { identity: "u1", name: "n".repeat(81) } });
    bridge.emit({ event: "nope" } as unknown as EmbedEvent);
    expect(page.posted).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it.each(["*", "null", "", "file:///tmp/x.html", "javascript:alert(1)"])("refuses %j as the parent origin", (origin) => {
    expect(() => setup(undefined, origin)).toThrow(TypeError);
  });

  it("does nothing when the page is not framed", async () => {
    const alone = new FakeWindow(MEET);
    const postMessage = vi.spyOn(alone, "postMessage");
    const onCommand = vi.fn();
    const bridge = createEmbedFrameBridge({ parentOrigin: PAGE, window: alone as unknown as Window, onCommand });
    bridge.emit({ event: "micChanged", enabled: true });
    alone.receive({ protocol: PROTOCOL, kind: "command", id: "c1", command: "leave" }, { origin: PAGE, source: alone });
    await flush();
    expect(alone.listenerCount).toBe(0);
    expect(postMessage).not.toHaveBeenCalled();
    expect(onCommand).not.toHaveBeenCalled();
    bridge.dispose();
  });
});

describe("isAllowedOrigin", () => {
  const allowList = ["https://host.example", "http://localhost:3000/", "*", "null"];

  it.each([
    ["https://host.example", true],
    ["https://HOST.example:443", true],
    ["http://localhost:3000", true],
    ["https://host.example.evil.example", false],
    ["https://evil.example", false],
    ["http://host.example", false],
    ["https://host.example:8443", false],
    ["http://localhost:3001", false],
    ["https://host.example@evil.example", false],
    ["null", false],
    ["*", false],
    ["", false],
    ["file:///etc/passwd", false],
    ["chrome-extension://abc", false],
    ["not a url", false],
  ])("%j → %s", (origin, allowed) => {
    expect(isAllowedOrigin(origin, allowList)).toBe(allowed);
  });

  it("matches nothing against an empty list", () => {
    expect(isAllowedOrigin("https://host.example", [])).toBe(false);
  });
});
