/**
 * The upcoming meetings the offline page shows, kept in this device's localStorage by the
 * dashboard (only code, title and start time; the service worker never stores pages or API
 * responses). Cleared on sign-out.
 */
export const OFFLINE_MEETINGS_KEY = "parley.upcoming.v1";

export type OfflineMeeting = { code: string; title: string; scheduledStart: string | null; status: "live" | "scheduled" | "ended" };
export type OfflineSnapshot = { savedAt: string; meetings: OfflineMeeting[] };

const MAX_MEETINGS = 50;

export function serializeSnapshot(meetings: OfflineMeeting[], savedAt: Date): string {
  return JSON.stringify({ savedAt: savedAt.toISOString(), meetings: meetings.slice(0, MAX_MEETINGS) } satisfies OfflineSnapshot);
}

/** Whatever is stored, however old or damaged: a valid snapshot or null (never throws). */
export function parseSnapshot(raw: string | null): OfflineSnapshot | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object") return null;
    const { savedAt, meetings } = value as Record<string, unknown>;
    if (typeof savedAt !== "string" || Number.isNaN(Date.parse(savedAt)) || !Array.isArray(meetings)) return null;
    const valid = meetings.filter(
      (m): m is OfflineMeeting =>
        !!m &&
        typeof m === "object" &&
        typeof (m as OfflineMeeting).code === "string" &&
        typeof (m as OfflineMeeting).title === "string" &&
        (typeof (m as OfflineMeeting).scheduledStart === "string" || (m as OfflineMeeting).scheduledStart === null),
    );
    return { savedAt, meetings: valid.slice(0, MAX_MEETINGS) };
  } catch {
    return null;
  }
}
