/**
 * localStorage, or null where the browser refuses it: private modes, and inside another site's
 * iframe when third-party storage is blocked (reading `window.localStorage` then throws).
 */
export function localStorageOrNull(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** sessionStorage (this tab only, gone when it closes), or null where the browser refuses it, as for localStorage. */
export function sessionStorageOrNull(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
