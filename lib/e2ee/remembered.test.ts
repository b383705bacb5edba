import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowserWindow } from "./address-bar.fake";
import { generatePassphrase, hashWithPassphrase } from "./fragment";
import { forgetRememberedPassphrases, REMEMBERED_PASSPHRASES_KEY, rememberedPassphrase, rememberMeetingPassphrase, takePassphraseFromAddressBar } from "./remembered";

const PAGE = "https://meet.example.org/m/abc-defg-hij";
const CODE = "abc-defg-hij";

function open(href: string) {
  const win = fakeBrowserWindow(href);
  vi.stubGlobal("window", win);
  return win;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("takePassphraseFromAddressBar", () => {
  it("returns the link's passphrase and removes it from the address bar, other params and history state kept", () => {
    const passphrase = generatePassphrase();
    const win = open(`${PAGE}${hashWithPassphrase(passphrase)}&lang=zh`);
    expect(takePassphraseFromAddressBar()).toBe(passphrase);
    expect(win.location.href).toBe(`${PAGE}#lang=zh`);
    expect(win.history.state).toEqual({ routerEntry: "kept" });
    expect(win.replaced.join(" ")).not.toContain(passphrase);
  });

  it("leaves no empty # behind, and a second read finds nothing", () => {
    const win = open(`${PAGE}#key=abc`);
    expect(takePassphraseFromAddressBar()).toBe("abc");
    expect(win.location.href).toBe(PAGE);
    expect(takePassphraseFromAddressBar()).toBeNull();
  });

  it("removes an unusable key param too, and touches nothing when there is none", () => {
    const win = open(`${PAGE}#key=%zz&x=1`);
    expect(takePassphraseFromAddressBar()).toBeNull();
    expect(win.location.href).toBe(`${PAGE}#x=1`);
    const untouched = open(`${PAGE}#x=1`);
    expect(takePassphraseFromAddressBar()).toBeNull();
    expect(untouched.replaced).toEqual([]);
  });
});

describe("rememberMeetingPassphrase / rememberedPassphrase", () => {
  it("keeps a guest's passphrase for the tab only (sessionStorage), never on the device", () => {
    const win = open(PAGE);
    rememberMeetingPassphrase(CODE, "guest secret", "tab");
    expect(win.localStorage.getItem(REMEMBERED_PASSPHRASES_KEY)).toBeNull();
    expect(JSON.parse(win.sessionStorage.getItem(REMEMBERED_PASSPHRASES_KEY)!)).toEqual({ [CODE]: "guest secret" });
    expect(rememberedPassphrase(CODE)).toBe("guest secret");
  });

  it("keeps a signed-in person's on the device (for the dashboard's invite link)", () => {
    const win = open(PAGE);
    rememberMeetingPassphrase(CODE, "host secret", "device");
    expect(win.sessionStorage.getItem(REMEMBERED_PASSPHRASES_KEY)).toBeNull();
    expect(rememberedPassphrase(CODE)).toBe("host secret");
    expect(rememberedPassphrase("xyz-defg-hij")).toBeNull();
  });

  it("prefers the tab's passphrase, and forgets both on sign-out", () => {
    open(PAGE);
    rememberMeetingPassphrase(CODE, "older, on the device", "device");
    rememberMeetingPassphrase(CODE, "newer, in this tab", "tab");
    expect(rememberedPassphrase(CODE)).toBe("newer, in this tab");
    forgetRememberedPassphrases();
    expect(rememberedPassphrase(CODE)).toBeNull();
  });

  it("survives storage that is missing or full", () => {
    const win = open(PAGE);
    win.sessionStorage.failWrites(true);
    expect(rememberMeetingPassphrase(CODE, "x", "tab")).toBe("x");
    expect(rememberedPassphrase(CODE)).toBeNull();
    vi.unstubAllGlobals();
    expect(rememberedPassphrase(CODE)).toBeNull(); // no window at all (server render)
  });
});
