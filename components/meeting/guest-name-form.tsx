"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";

type Props = { code: string; signInHref: string; onJoined: (guest: { displayName: string; canPublish: boolean }) => void };

/** Asks a visitor without an account for a name and gets a guest identity for this meeting. */
export function GuestNameForm({ code, signInHref, onJoined }: Props) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = String(new FormData(event.currentTarget).get("displayName") ?? "");
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/meetings/${code}/guest`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName }),
      });
      const data = await response.json();
      if (!response.ok) {
        const fields = data?.error?.fields ? Object.values(data.error.fields as Record<string, string[]>).flat().join(" ") : "";
        setError(fields || data?.error?.message || t("common.error"));
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
        <input name="displayName" required maxLength={64} autoComplete="name" placeholder={t("meeting.guestNamePlaceholder")} />
      </label>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {t("meeting.continueAsGuest")}
      </button>
      <Link href={signInHref}>{t("meeting.orSignIn")}</Link>
    </form>
  );
}
