"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { hashWithPassphrase } from "@/lib/e2ee";
import { rememberedPassphrase } from "@/lib/e2ee/remembered";

export function CopyLinkButton({ code }: { code: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  async function copy() {
    // An end-to-end encrypted meeting made on this device: the link carries its passphrase after the #.
    const passphrase = rememberedPassphrase(code);
    const link = `${window.location.origin}/m/${code}${passphrase ? hashWithPassphrase(passphrase) : ""}`;
    await navigator.clipboard.writeText(link);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <button className="btn" type="button" onClick={copy} data-testid="copy-link" data-link-code={code}>
      {copied ? t("dashboard.linkCopied") : t("dashboard.copyLink")}
    </button>
  );
}
