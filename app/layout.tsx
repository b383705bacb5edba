import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { PwaProvider } from "@/components/pwa/pwa-provider";
import { SkipLink } from "@/components/ui/skip-link";
import { getLocale, getT } from "@/lib/i18n/server";
import { THEME_COOKIE, readTheme } from "@/lib/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return {
    title: { default: t("common.appName"), template: `%s · ${t("common.appName")}` },
    description: t("common.tagline"),
    applicationName: t("common.appName"),
    appleWebApp: { capable: true, title: t("common.appName"), statusBarStyle: "black-translucent" },
    icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: [
    { media: "(prefers-color-scheme: dark)", color: "#0f1115" },
    { media: "(prefers-color-scheme: light)", color: "#f6f7f9" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered at build time: Next.js puts the CSP nonce
  // (proxy.ts) on its scripts only while rendering a request, and a page built ahead without one
  // would have all its scripts blocked.
  await connection();
  const locale = await getLocale();
  const theme = readTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} data-theme={theme}>
      <body>
        <I18nProvider locale={locale}>
          <SkipLink />
          <PwaProvider>{children}</PwaProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
