"use client";

import { useSyncExternalStore } from "react";
import { useLocale } from "@/components/i18n/i18n-provider";

const subscribe = () => () => {};

/**
 * Formats a time in the viewer's own time zone (the server cannot know it) and in the page's
 * language. The server renders UTC; the browser replaces it on hydration.
 */
export function LocalTime({ iso, style = "dateTime" }: { iso: string; style?: "dateTime" | "time" }) {
  const locale = useLocale();
  const text = useSyncExternalStore(
    subscribe,
    () =>
      new Intl.DateTimeFormat(locale, style === "time" ? { hour: "numeric", minute: "2-digit" } : { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(iso),
      ),
    () => iso.slice(0, 16).replace("T", " ") + " UTC",
  );
  return <time dateTime={iso}>{text}</time>;
}
