"use client";

import { Serwist } from "@serwist/window";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { UpdateBanner } from "./update-banner";

/** Chromium's install prompt event (not in the DOM typings). */
type BeforeInstallPromptEvent = Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: "accepted" | "dismissed" }> };

type Pwa = {
  /** Shows the browser's install dialog; null when the browser offers none (installed, or not supported). */
  install: (() => Promise<void>) | null;
};

const PwaContext = createContext<Pwa>({ install: null });

// Chromium fires `beforeinstallprompt` once, as soon as the page qualifies, which can be before
// React has hydrated; listen from the moment this module loads and keep the event for the button.
let installEvent: BeforeInstallPromptEvent | null = null;
const installListeners = new Set<() => void>();
const setInstallEvent = (event: BeforeInstallPromptEvent | null) => {
  installEvent = event;
  for (const listener of installListeners) listener();
};
if (typeof window !== "undefined") {
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // shown from our own button instead of the browser's mini-infobar
    setInstallEvent(event as BeforeInstallPromptEvent);
  });
  window.addEventListener("appinstalled", () => setInstallEvent(null));
}
const subscribeInstall = (listener: () => void) => {
  installListeners.add(listener);
  return () => installListeners.delete(listener);
};

export const SERVICE_WORKER_URL = "/serwist/sw.js";

/**
 * Registers the service worker and keeps the two things the UI offers around it: an install button
 * (when the browser fires `beforeinstallprompt`) and a "new version available — reload" banner
 * (when a new worker is waiting). Not inside an embedding site's iframe: the embed is a guest in
 * someone else's page and gains nothing from being installable or offline.
 */
export function PwaProvider({ children }: { children: ReactNode }) {
  const offer = useSyncExternalStore(subscribeInstall, () => installEvent, () => null);
  const [waiting, setWaiting] = useState<Serwist | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || window.self !== window.top) return;
    const serwist = new Serwist(SERVICE_WORKER_URL, { scope: "/", type: "classic" });
    const onWaiting = () => setWaiting(serwist);
    serwist.addEventListener("waiting", onWaiting);
    serwist.register().catch((error: unknown) => console.warn("Service worker registration failed", error));
    return () => serwist.removeEventListener("waiting", onWaiting);
  }, []);

  const install = offer
    ? async () => {
        await offer.prompt();
        await offer.userChoice;
        setInstallEvent(null); // the event can be used once
      }
    : null;

  return (
    <PwaContext.Provider value={{ install }}>
      {children}
      {waiting && (
        <UpdateBanner
          onReload={() => {
            waiting.addEventListener("controlling", () => window.location.reload());
            waiting.messageSkipWaiting();
          }}
          onLater={() => setWaiting(null)}
        />
      )}
    </PwaContext.Provider>
  );
}

export function usePwa(): Pwa {
  return useContext(PwaContext);
}
