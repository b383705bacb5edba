"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { normalizeMeetingCode } from "@/lib/meetings/code-format";

export function JoinByCodeForm() {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normalizeMeetingCode(String(new FormData(event.currentTarget).get("code") ?? ""));
    setError(!code);
    if (code) router.push(`/m/${code}`);
  }

  return (
    <form id="join" onSubmit={onSubmit} className="row" noValidate>
      <label className="field" style={{ flex: 1, minWidth: 200 }}>
        {t("dashboard.joinByCode")}
        <input name="code" placeholder={t("dashboard.codePlaceholder")} autoComplete="off" aria-invalid={error} aria-describedby="code-error" />
      </label>
      <button className="btn" type="submit" style={{ alignSelf: "flex-end" }}>
        {t("dashboard.joinButton")}
      </button>
      {error && (
        <p id="code-error" role="alert" className="field-error" style={{ width: "100%" }}>
          {t("dashboard.invalidCode")}
        </p>
      )}
    </form>
  );
}
