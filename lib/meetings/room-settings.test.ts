import { describe, expect, it } from "vitest";
import { DEFAULT_ROOM_SETTINGS, readRoomSettings } from "./room-settings";

describe("readRoomSettings", () => {
  it("reads what the server publishes", () => {
    const metadata = JSON.stringify({ locked: true, chatHostsOnly: true, screenShareHostsOnly: false, lobby: "guests" });
    expect(readRoomSettings(metadata)).toEqual({ locked: true, chatHostsOnly: true, screenShareHostsOnly: false, lobby: "guests" });
  });

  it("defaults to nothing restricted when metadata is empty or unreadable", () => {
    for (const metadata of [undefined, null, "", "not json", "[]", "42", "null"]) {
      expect(readRoomSettings(metadata)).toEqual(DEFAULT_ROOM_SETTINGS);
    }
  });

  it("keeps the valid fields when others are missing or wrong", () => {
    expect(readRoomSettings(JSON.stringify({ locked: true }))).toEqual({ ...DEFAULT_ROOM_SETTINGS, locked: true });
    expect(readRoomSettings(JSON.stringify({ locked: "yes", lobby: "everyone" }))).toEqual({ ...DEFAULT_ROOM_SETTINGS, lobby: "everyone" });
    expect(readRoomSettings(JSON.stringify({ chatHostsOnly: true, lobby: "sometimes" }))).toEqual({ ...DEFAULT_ROOM_SETTINGS, chatHostsOnly: true });
  });
});
