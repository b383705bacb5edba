import { describe, expect, it } from "vitest";
import { meetingSettingsPatchSchema, readMeetingSettings } from "./settings";

describe("meeting settings", () => {
  it("fills defaults for old rows", () => {
    expect(readMeetingSettings({})).toEqual({ allowGuests: true, guestsCanPublish: true, locked: false, chatHostsOnly: false, screenShareHostsOnly: false, lobby: "off", embedOrigins: [], recordingRetentionDays: null, e2ee: false, captions: false, captionsServer: false });
  });

  it("keeps recordings 1 day to 10 years, or until deleted (null)", () => {
    expect(meetingSettingsPatchSchema.parse({ recordingRetentionDays: 30 })).toEqual({ recordingRetentionDays: 30 });
    expect(meetingSettingsPatchSchema.parse({ recordingRetentionDays: null })).toEqual({ recordingRetentionDays: null });
    for (const bad of [0, -1, 3651, 1.5, "30"]) expect(meetingSettingsPatchSchema.safeParse({ recordingRetentionDays: bad }).success).toBe(false);
  });

  it("a partial change carries only the fields sent, so nothing else is reset", () => {
    expect(meetingSettingsPatchSchema.parse({ guestsCanPublish: false })).toEqual({ guestsCanPublish: false });
    const current = readMeetingSettings({ lobby: "everyone", locked: true });
    expect(readMeetingSettings({ ...current, ...meetingSettingsPatchSchema.parse({ guestsCanPublish: false }) })).toMatchObject({ lobby: "everyone", locked: true, guestsCanPublish: false });
  });
});

describe("embed origins", () => {
  it("are normalised origins, and a bad one refuses the whole change", () => {
    expect(meetingSettingsPatchSchema.parse({ embedOrigins: ["https://Partner.example/"] })).toEqual({ embedOrigins: ["https://partner.example"] });
    expect(meetingSettingsPatchSchema.safeParse({ embedOrigins: ["https://partner.example", "*"] }).success).toBe(false);
    expect(meetingSettingsPatchSchema.safeParse({ embedOrigins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example`) }).success).toBe(false);
  });
});
