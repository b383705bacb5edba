import { describe, expect, it } from "vitest";
import { DEFAULT_ROOM_SETTINGS, readRoomSettings } from "./room-settings";
import { readMeetingSettings, roomMetadataFor } from "./settings";

describe("readRoomSettings", () => {
  it("reads what the server publishes", () => {
    const settings = readMeetingSettings({ locked: true, chatHostsOnly: true, lobby: "guests", captions: true });
    expect(readRoomSettings(roomMetadataFor(settings, { recording: true, serverRecording: true }))).toEqual({
      locked: true,
      chatHostsOnly: true,
      screenShareHostsOnly: false,
      lobby: "guests",
      captions: true,
      captionServer: null,
      captionsServer: false,
      recording: true,
      serverRecording: true,
    });
    // Metadata from before recordings existed reads as not recording.
    const older = JSON.stringify({ locked: true, chatHostsOnly: true, screenShareHostsOnly: false, lobby: "guests" });
    expect(readRoomSettings(older).recording).toBe(false);
  });

  it("says captions are made on the server only while one is offered", () => {
    const chosen = readMeetingSettings({ captions: true, captionsServer: true });
    expect(readRoomSettings(roomMetadataFor(chosen, { recording: false, captionServer: "Speech cluster" }))).toMatchObject({ captionServer: "Speech cluster", captionsServer: true });
    // Not offered (none set up, or an end-to-end encrypted meeting): the stored choice does not apply.
    expect(readRoomSettings(roomMetadataFor(chosen, { recording: false, captionServer: null }))).toMatchObject({ captionServer: null, captionsServer: false });
    expect(readRoomSettings(JSON.stringify({ captionServer: 42, captionsServer: "yes" }))).toMatchObject({ captionServer: null, captionsServer: false });
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
