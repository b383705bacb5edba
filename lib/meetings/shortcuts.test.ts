import { describe, expect, it } from "vitest";
import { describeShortcut, shortcutFor, type KeyFacts } from "./shortcuts";

const key = (facts: Partial<KeyFacts>): KeyFacts => ({ key: "", code: "", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, typing: false, ...facts });

describe("shortcutFor", () => {
  it.each([
    [{ code: "KeyD", key: "d", ctrlKey: true }, "mic"],
    [{ code: "KeyD", key: "d", metaKey: true }, "mic"],
    [{ code: "KeyE", key: "e", ctrlKey: true }, "camera"],
    [{ code: "KeyC", key: "ç", ctrlKey: true, altKey: true }, "chat"],
    [{ code: "KeyP", key: "p", ctrlKey: true, altKey: true }, "participants"],
    [{ code: "KeyH", key: "h", ctrlKey: true, altKey: true }, "hand"],
    [{ code: "Slash", key: "?", shiftKey: true }, "help"],
    [{ code: "KeyD", key: "d", ctrlKey: true, typing: true }, "mic"],
  ] as const)("%o → %s", (facts, action) => {
    expect(shortcutFor(key(facts))).toBe(action);
  });

  it.each([
    { code: "KeyD", key: "d" },
    { code: "KeyD", key: "d", ctrlKey: true, altKey: true },
    { code: "KeyC", key: "c", ctrlKey: true },
    { code: "Slash", key: "?", shiftKey: true, typing: true },
    { code: "KeyH", key: "h", altKey: true },
  ])("ignores %o", (facts) => {
    expect(shortcutFor(key(facts))).toBeNull();
  });
});

describe("describeShortcut", () => {
  it("names the keys for each platform", () => {
    expect(describeShortcut("mic", false)).toBe("Ctrl + D");
    expect(describeShortcut("hand", true)).toBe("⌘ + ⌥ + H");
    expect(describeShortcut("help", false)).toBe("?");
  });
});
