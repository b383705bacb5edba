import { oauthSignInAction } from "@/app/(auth)/actions";
import type { Translate } from "@/lib/i18n";

export function OAuthButtons({ providers, callbackUrl, t }: { providers: Array<"github" | "google">; callbackUrl: string; t: Translate }) {
  if (providers.length === 0) return null;
  return (
    <div className="stack">
      <p className="muted">{t("auth.orContinueWith")}</p>
      <div className="row">
        {providers.map((provider) => (
          <form key={provider} action={oauthSignInAction}>
            <input type="hidden" name="provider" value={provider} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button className="btn" type="submit">
              {t(provider === "github" ? "auth.github" : "auth.google")}
            </button>
          </form>
        ))}
      </div>
    </div>
  );
}
