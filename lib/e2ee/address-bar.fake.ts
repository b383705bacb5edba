import { createMemoryStorage } from "@/lib/meetings/storage.fake";

/**
 * Just enough of a browser window for lib/e2ee/remembered.ts in Node (which has no window): an
 * address bar whose history.replaceState really changes location, and two separate storages.
 * Install it with `vi.stubGlobal("window", fakeBrowserWindow(url))`.
 */
export function fakeBrowserWindow(href: string) {
  let url = new URL(href);
  const replaced: string[] = [];
  return {
    replaced,
    location: {
      get href() {
        return url.href;
      },
      get hash() {
        return url.hash;
      },
    },
    history: {
      state: { routerEntry: "kept" } as unknown,
      replaceState(state: unknown, _unused: string, next: string | URL) {
        this.state = state;
        url = new URL(next, url);
        replaced.push(url.href);
      },
    },
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  };
}
