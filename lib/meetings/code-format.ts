// Browser-safe: used by forms as well as the server.
export const MEETING_CODE_PATTERN = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

export function isMeetingCode(value: string): boolean {
  return MEETING_CODE_PATTERN.test(value);
}

/** Page params arrive still %-encoded; a second decode of a decoded "%" must not throw. */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Accepts what people paste: a bare code, an invite URL, spaces or capitals. */
export function normalizeMeetingCode(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  const fromUrl = trimmed.match(/\/m\/([a-z]{3}-[a-z]{4}-[a-z]{3})(?:[/?#]|$)/);
  const candidate = fromUrl ? fromUrl[1] : trimmed.replace(/\s+/g, "");
  if (isMeetingCode(candidate)) return candidate;
  // "abcdefghij" or "abc defg hij" typed without the dashes.
  const letters = /^[a-z-]+$/.test(candidate) ? candidate.replace(/-/g, "") : "";
  return letters.length === 10 ? `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7)}` : null;
}
