"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { usePwa } from "./pwa-provider";

/** Appears only while the browser offers to install Parley. */
export function InstallButton() {
  const t = useT();
  const { install } = usePwa();
  if (!install) return null;
  return (
    <button type="button" className="btn" onClick={() => void install()} title={t("shell.pwa.installHint")}>
      {t("shell.pwa.install")}
    </button>
  );
}
