import { describe, expect, it } from "vitest";
import { initialsOf, readParticipantRole } from "./participant-info";

describe("readParticipantRole", () => {
  it("reads the role the server puts in metadata", () => {
    expect(readParticipantRole('{"role":"host"}')).toBe("host");
    expect(readParticipantRole('{"role":"co_host","kind":"user"}')).toBe("co_host");
    expect(readParticipantRole('{"role":"viewer","kind":"guest"}')).toBe("viewer");
  });

  it("returns null for missing, malformed or unknown metadata", () => {
    expect(readParticipantRole(undefined)).toBeNull();
    expect(readParticipantRole("")).toBeNull();
    expect(readParticipantRole("host")).toBeNull();
    expect(readParticipantRole('{"role":"admin"}')).toBeNull();
  });
});

describe("initialsOf", () => {
  it("uses the first letters of the first and last word", () => {
    expect(initialsOf("ada lovelace")).toBe("AL");
    expect(initialsOf("  Grace   Brewster Hopper ")).toBe("GH");
    expect(initialsOf("Linus")).toBe("L");
  });

  it("handles CJK names, emoji and empty names", () => {
    expect(initialsOf("李小龙")).toBe("李");
    expect(initialsOf("🎧 DJ")).toBe("🎧D");
    expect(initialsOf("   ")).toBe("?");
  });
});
