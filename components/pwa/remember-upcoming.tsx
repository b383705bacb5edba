"use client";

import { useEffect } from "react";
import { localStorageOrNull } from "@/lib/local-storage";
import { OFFLINE_MEETINGS_KEY, serializeSnapshot, type OfflineMeeting } from "@/lib/pwa/offline-meetings";

/** Saves the dashboard's upcoming meetings on this device for the offline page. Renders nothing. */
export function RememberUpcoming({ meetings }: { meetings: OfflineMeeting[] }) {
  useEffect(() => {
    try {
      localStorageOrNull()?.setItem(OFFLINE_MEETINGS_KEY, serializeSnapshot(meetings, new Date()));
    } catch {
      // Storage full: the offline page then says nothing was saved.
    }
  }, [meetings]);
  return null;
}
