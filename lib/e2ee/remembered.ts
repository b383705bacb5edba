import { localStorageOrNull } from "@/lib/local-storage";

/**
 * Passphrases of end-to-end encrypted meetings made or joined on this device, so the host can copy
 * the full invite link from the dashboard later. Device-only (localStorage), never sent anywhere;
 * signing out forgets them.
 */
export const REMEMBERED_PASSPHRASES_KEY = "parley.e2ee.v1";

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorageOrNull()?.getItem(REMEMBERED_PASSPHRASES_KEY) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberMeetingPassphrase(code: string, passphrase: string): string {
  try {
    localStorageOrNull()?.setItem(REMEMBERED_PASSPHRASES_KEY, JSON.stringify({ ...read(), [code]: passphrase }));
  } catch {
    // Full or blocked storage: the link in the address bar still carries it.
  }
  return passphrase;
}

export function rememberedPassphrase(code: string): string | null {
  const value = read()[code];
  return typeof value === "string" ? value : null;
}
