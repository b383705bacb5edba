/**
 * Keyboard shortcuts in the room, in the manner of Google Meet (Ctrl on Windows/Linux, ⌘ on macOS).
 * A plain function of the key event, so the table is unit-tested and shown in the help dialog.
 */
export type ShortcutAction = "mic" | "camera" | "chat" | "participants" | "hand" | "help";

export type KeyFacts = { key: string; code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; typing: boolean };

type Shortcut = { action: ShortcutAction; mod: boolean; alt: boolean; code?: string; key?: string; whileTyping: boolean };

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "mic", mod: true, alt: false, code: "KeyD", whileTyping: true },
  { action: "camera", mod: true, alt: false, code: "KeyE", whileTyping: true },
  { action: "chat", mod: true, alt: true, code: "KeyC", whileTyping: true },
  { action: "participants", mod: true, alt: true, code: "KeyP", whileTyping: true },
  { action: "hand", mod: true, alt: true, code: "KeyH", whileTyping: true },
  // "?" alone would eat a question mark typed into chat, so it only counts outside text fields.
  { action: "help", mod: false, alt: false, key: "?", whileTyping: false },
];

export function shortcutFor(event: KeyFacts): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  for (const s of SHORTCUTS) {
    if (s.mod !== mod || s.alt !== event.altKey) continue;
    if (event.typing && !s.whileTyping) continue;
    // `code` is the physical key, so the shortcut works on any layout (and with Alt on macOS, where `key` changes).
    if (s.code ? s.code === event.code : s.key === event.key) return s.action;
  }
  return null;
}

/** The keys as a person reads them, for the help dialog: "Ctrl + D" or "⌘ + D". */
export function describeShortcut(action: ShortcutAction, mac: boolean): string {
  const s = SHORTCUTS.find((entry) => entry.action === action);
  if (!s) return "";
  const parts = [...(s.mod ? [mac ? "⌘" : "Ctrl"] : []), ...(s.alt ? [mac ? "⌥" : "Alt"] : []), s.code ? s.code.replace("Key", "") : (s.key ?? "")];
  return parts.join(" + ");
}
