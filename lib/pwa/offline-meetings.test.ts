import { describe, expect, it } from "vitest";
import { parseSnapshot, serializeSnapshot, type OfflineMeeting } from "./offline-meetings";

const meeting: OfflineMeeting = { code: "abc-defg-hij", title: "Weekly sync", scheduledStart: "2026-12-01T09:00:00.000Z", status: "scheduled" };

describe("offline meeting snapshot", () => {
  it("round-trips", () => {
    const saved = new Date("2026-11-28T10:00:00Z");
    expect(parseSnapshot(serializeSnapshot([meeting], saved))).toEqual({ savedAt: saved.toISOString(), meetings: [meeting] });
  });

  it("keeps at most 50 meetings", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...meeting, code: `abc-defg-h${i}` }));
    expect(parseSnapshot(serializeSnapshot(many, new Date()))?.meetings).toHaveLength(50);
  });

  it.each([null, "", "not json", "[]", "{}", '{"savedAt":"yesterday","meetings":[]}', '{"savedAt":"2026-01-01T00:00:00Z","meetings":{}}'])(
    "refuses %j",
    (raw) => {
      expect(parseSnapshot(raw)).toBeNull();
    },
  );

  it("drops damaged entries but keeps good ones", () => {
    const raw = JSON.stringify({ savedAt: "2026-11-28T10:00:00Z", meetings: [meeting, { code: 5 }, null, { ...meeting, scheduledStart: 7 }] });
    expect(parseSnapshot(raw)?.meetings).toEqual([meeting]);
  });
});
