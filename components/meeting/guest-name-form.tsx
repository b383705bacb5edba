"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { failureText } from "./failure-text";

type Props = {
  code: string;
  /** Omitted inside an embed, where signing in to Parley is not on offer. */
  signInHref?: string;
  /** Inside another site's iframe (/embed/[code]). */
  embedded?: boolean;
  defaultName?: string;
  onJoined: (guest: { displayName: string; canPublish: boolean }) => void;
};

/** Asks a visitor without an account for a name and gets a guest identity for this meeting. */
export function GuestNameForm({ code, signInHref, embedded = false, defaultName, onJoined }: Props) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = String(new FormData(event.currentTarget).get("displayName") ?? "");
    if (!displayName.trim()) return setError(t("shell.actions.nameRequired"));
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/meetings/${code}/guest`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName, ...(embedded ? { embedded } : {}) }),
      });
      const data = await response.json();
      if (!response.ok) {
        const fields = data?.error?.fields ? Object.values(data.error.fields as Record<string, string[]>).flat().join(" ") : "";
        setError(fields || failureText(t, { ok: false, status: response.status, code: data?.error?.code ?? null, message: data?.error?.message ?? null }));
        return;
      }
      onJoined(data.guest);
    } catch {
      setError(t("common.error"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="card stack" style={{ maxWidth: 420, margin: "0 auto" }} noValidate>
      <label className="field">
        {t("meeting.guestNameLabel")}
        <input name="displayName" required maxLength={64} autoComplete="name" placeholder={t("meeting.guestNamePlaceholder")} defaultValue={defaultName} />
      </label>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {t("meeting.continueAsGuest")}
      </button>
      {signInHref && <Link href={signInHref}>{t("meeting.orSignIn")}</Link>}
    </form>
  );
}
