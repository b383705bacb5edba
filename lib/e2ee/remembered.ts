import { localStorageOrNull, sessionStorageOrNull } from "@/lib/local-storage";
import { readPassphraseFromHash, stripPassphraseFromUrl } from "./fragment";

/**
 * Passphrases of end-to-end encrypted meetings, kept in this browser only (never sent anywhere) so a
 * reload does not ask again once the link's #key= has been removed from the address bar:
 *
 * - "device" (localStorage): for signed-in people, so the host can copy the full invite link from
 *   the dashboard later. Signing out forgets them.
 * - "tab" (sessionStorage): for guests and embeds. The tab remembers it across reloads; closing
 *   it forgets it, so a shared or borrowed computer keeps no passphrase of a meeting it visited.
 */
export const REMEMBERED_PASSPHRASES_KEY = "parley.e2ee.v1";

export type RememberScope = "device" | "tab";

const storageFor = (scope: RememberScope) => (scope === "device" ? localStorageOrNull() : sessionStorageOrNull());

function read(storage: Storage | null): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(REMEMBERED_PASSPHRASES_KEY) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberMeetingPassphrase(code: string, passphrase: string, scope: RememberScope): string {
  const storage = storageFor(scope);
  try {
    storage?.setItem(REMEMBERED_PASSPHRASES_KEY, JSON.stringify({ ...read(storage), [code]: passphrase }));
  } catch {
    // Full or blocked storage: this page still has it; a reload will ask for it again.
  }
  return passphrase;
}

/** This tab's passphrase for the meeting, else this device's. */
export function rememberedPassphrase(code: string): string | null {
  for (const storage of [sessionStorageOrNull(), localStorageOrNull()]) {
    const value = read(storage)[code];
    if (typeof value === "string") return value;
  }
  return null;
}

/** On sign-out: both kinds. */
export function forgetRememberedPassphrases(): void {
  for (const storage of [sessionStorageOrNull(), localStorageOrNull()]) {
    try {
      storage?.removeItem(REMEMBERED_PASSPHRASES_KEY);
    } catch {
      // Blocked storage holds nothing of ours.
    }
  }
}

/**
 * The link's #key= passphrase, removed from the address bar at once (other fragment params kept), so
 * it does not linger in the history (synced to other devices), on a shared screen or in a link
 * copied from the address bar. Null when the link has none; a malformed one is removed as well.
 */
export function takePassphraseFromAddressBar(): string | null {
  const passphrase = readPassphraseFromHash(window.location.hash);
  const stripped = stripPassphraseFromUrl(window.location.href);
  // Keeping history.state keeps the App Router's own entry intact.
  if (stripped !== window.location.href) window.history.replaceState(window.history.state, "", stripped);
  return passphrase;
}
