"use client";

import { useActionState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { AuthFormState } from "@/app/(auth)/actions";

type Props = {
  mode: "sign-in" | "sign-up";
  action: (prev: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
};

export function CredentialsForm({ mode, action, callbackUrl }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  const fieldError = (name: string) =>
    state.fields?.[name]?.length ? (
      <span className="field-error" id={`${name}-error`}>
        {state.fields[name].join(" ")}
      </span>
    ) : null;

  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="alert">
          {t(state.error, state.errorVars)}
        </p>
      )}
      {mode === "sign-up" && (
        <label className="field">
          {t("auth.name")}
          <input name="name" autoComplete="name" required defaultValue={state.values?.name} aria-describedby="name-error" />
          {fieldError("name")}
        </label>
      )}
      <label className="field">
        {t("auth.email")}
        <input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} aria-describedby="email-error" />
        {fieldError("email")}
      </label>
      <label className="field">
        {t("auth.password")}
        <input
          name="password"
          type="password"
          required
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          aria-describedby="password-error"
        />
        {mode === "sign-up" && <span className="muted">{t("auth.passwordHint")}</span>}
        {fieldError("password")}
      </label>
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? t("auth.pending") : t(mode === "sign-up" ? "auth.submitSignUp" : "auth.submitSignIn")}
      </button>
    </form>
  );
}
