"use client";

import { useId, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";

/** Asks for the passphrase of an end-to-end encrypted meeting (the link had none). It stays in this browser. */
export function PassphraseForm({ onSubmit, deriving }: { onSubmit: (passphrase: string) => Promise<boolean>; deriving: boolean }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!(await onSubmit(value))) setError(t("meeting.e2ee.passphraseInvalid"));
  }

  return (
    <form className="card stack" onSubmit={submit} data-testid="passphrase-form">
      <h2>{t("meeting.e2ee.passphraseTitle")}</h2>
      <p className="muted">{t("meeting.e2ee.passphraseHint")}</p>
      <div className="field">
        <label htmlFor={id}>{t("meeting.e2ee.passphrase")}</label>
        <input id={id} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required maxLength={256} />
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={deriving} aria-busy={deriving}>
        {t("meeting.e2ee.unlock")}
      </button>
    </form>
  );
}
