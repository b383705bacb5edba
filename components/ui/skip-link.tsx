"use client";

import { useT } from "@/components/i18n/i18n-provider";

/** The first thing a keyboard reaches: straight to the page's <main id="main">. */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      {useT()("shell.skipToContent")}
    </a>
  );
}
