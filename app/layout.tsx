import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { defaultLocale, getMessages, getTranslator } from "@/lib/i18n";
import "./globals.css";

const t = getTranslator();

export const metadata: Metadata = {
  title: { default: t("common.appName"), template: `%s · ${t("common.appName")}` },
  description: t("common.tagline"),
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f1115" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered at build time: Next.js puts the CSP nonce
  // (proxy.ts) on its scripts only while rendering a request, and a page built ahead without one
  // would have all its scripts blocked.
  await connection();
  return (
    <html lang={defaultLocale}>
      <body>
        <I18nProvider messages={getMessages()}>{children}</I18nProvider>
      </body>
    </html>
  );
}
