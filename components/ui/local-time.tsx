"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** Formats a time in the viewer's own time zone and language (the server cannot know them). */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    subscribe,
    () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    () => iso.slice(0, 16).replace("T", " ") + " UTC",
  );
  return <time dateTime={iso}>{text}</time>;
}
