import { describe, expect, it } from "vitest";
import { meetingSettingsPatchSchema, readMeetingSettings } from "./settings";

describe("meeting settings", () => {
  it("fills defaults for old rows", () => {
    expect(readMeetingSettings({})).toEqual({ allowGuests: true, guestsCanPublish: true, locked: false, chatHostsOnly: false, screenShareHostsOnly: false, lobby: "off" });
  });

  it("a partial change carries only the fields sent, so nothing else is reset", () => {
    expect(meetingSettingsPatchSchema.parse({ guestsCanPublish: false })).toEqual({ guestsCanPublish: false });
    const current = readMeetingSettings({ lobby: "everyone", locked: true });
    expect(readMeetingSettings({ ...current, ...meetingSettingsPatchSchema.parse({ guestsCanPublish: false }) })).toMatchObject({ lobby: "everyone", locked: true, guestsCanPublish: false });
  });
});
