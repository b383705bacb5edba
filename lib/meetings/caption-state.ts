import type { CaptionSignal, StoredCaption } from "./captions";

/**
 * The room's captions as each viewer keeps them: partial results of a segment are replaced by
 * newer ones and finally by the final text; a partial that arrives after its final (the network
 * may reorder two HTTP relays) is ignored; stored history merges in without duplicates. Pure, so
 * it is unit tested; components/meeting/captions holds the state.
 */
export type CaptionEntry = CaptionSignal & {
  /** When this viewer last received an update of it (ms since epoch): subtitles fade after a while. */
  receivedAt: number;
};

/** A long meeting's transcript panel keeps the most recent segments; the transcript page has them all. */
export const MAX_CAPTION_ENTRIES = 2000;

function byStart(a: CaptionEntry, b: CaptionEntry): number {
  return Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.receivedAt - b.receivedAt;
}

export function mergeCaption(entries: readonly CaptionEntry[], incoming: CaptionSignal, now: number): CaptionEntry[] {
  const index = entries.findIndex((e) => e.segmentId === incoming.segmentId && e.identity === incoming.identity);
  if (index >= 0) {
    const current = entries[index];
    if (current.final && !incoming.final) return entries as CaptionEntry[];
    const next = entries.slice();
    next[index] = { ...incoming, receivedAt: now };
    return next;
  }
  const next = [...entries, { ...incoming, receivedAt: now }];
  // Usually it goes last; a late final of an earlier segment finds its place.
  if (next.length > 1 && byStart(next[next.length - 2], next[next.length - 1]) > 0) next.sort(byStart);
  return next.length > MAX_CAPTION_ENTRIES ? next.slice(-MAX_CAPTION_ENTRIES) : next;
}

/** Stored segments (the transcript so far) into what this viewer has: they are final; live copies win ties. */
export function mergeStoredCaptions(entries: readonly CaptionEntry[], stored: readonly StoredCaption[]): CaptionEntry[] {
  let next = entries as CaptionEntry[];
  for (const segment of stored) {
    const known = next.find((e) => e.segmentId === segment.segmentId && e.identity === segment.identity);
    if (known?.final) continue;
    // History is old news: it goes into the panel, not onto the subtitles.
    next = mergeCaption(next, { ...segment, final: true }, 0);
  }
  return next;
}

export type LiveCaptionOptions = {
  /** How long a finished line stays on screen after its last update. */
  holdMs: number;
  /** A partial that stops updating (the speaker's device went away) is dropped after this. */
  staleMs: number;
  /** Lines shown at once, one per speaker, oldest first. */
  maxLines: number;
};

export const DEFAULT_LIVE_CAPTION_OPTIONS: LiveCaptionOptions = { holdMs: 6000, staleMs: 15_000, maxLines: 3 };

/** What the subtitles show now: each speaker's latest line while it is fresh. */
export function liveCaptions(entries: readonly CaptionEntry[], now: number, options: LiveCaptionOptions = DEFAULT_LIVE_CAPTION_OPTIONS): CaptionEntry[] {
  const latest = new Map<string, CaptionEntry>();
  for (const entry of entries) {
    const age = now - entry.receivedAt;
    const fresh = entry.final ? age <= options.holdMs : age <= options.staleMs;
    if (!fresh) continue;
    const previous = latest.get(entry.identity);
    if (!previous || byStart(previous, entry) <= 0) latest.set(entry.identity, entry);
  }
  return [...latest.values()].sort(byStart).slice(-options.maxLines);
}
