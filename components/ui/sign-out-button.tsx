"use client";

import { localStorageOrNull } from "@/lib/local-storage";
import { forgetRememberedPassphrases } from "@/lib/e2ee/remembered";
import { OFFLINE_MEETINGS_KEY } from "@/lib/pwa/offline-meetings";

function forgetDeviceData() {
  const storage = localStorageOrNull();
  storage?.removeItem(OFFLINE_MEETINGS_KEY);
  forgetRememberedPassphrases();
}

/** Signing out also forgets what was kept on this device: meetings for the offline page, encrypted meetings' passphrases. */
export function SignOutButton({ action, label }: { action: () => Promise<void>; label: string }) {
  return (
    <form action={action} onSubmit={forgetDeviceData}>
      <button className="btn" type="submit">
        {label}
      </button>
    </form>
  );
}
