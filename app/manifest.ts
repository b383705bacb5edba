import type { MetadataRoute } from "next";
import { getLocale, getT } from "@/lib/i18n/server";

/** The web app manifest (/manifest.webmanifest), in the language of the person installing. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getT();
  return {
    id: "/",
    name: t("common.appName"),
    short_name: t("common.appName"),
    description: t("common.tagline"),
    lang: await getLocale(),
    start_url: "/dashboard?source=pwa",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#0f1115",
    theme_color: "#1f3b73",
    categories: ["business", "productivity", "social"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
    shortcuts: [
      {
        name: t("dashboard.newMeeting"),
        url: "/dashboard#new-meeting",
        icons: [{ src: "/icons/shortcut-new.png", sizes: "96x96", type: "image/png" }],
      },
      {
        name: t("dashboard.joinButton"),
        url: "/#join",
        icons: [{ src: "/icons/shortcut-join.png", sizes: "96x96", type: "image/png" }],
      },
    ],
  };
}
