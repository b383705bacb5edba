"use client";

import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import type { ControlAction } from "@/lib/meetings/meeting-api";
import { can } from "@/lib/meetings/permissions";
import { LOBBY_MODES, type LobbyMode } from "@/lib/meetings/room-settings";
import styles from "../meeting.module.css";
import { ConfirmDialog } from "./confirm-dialog";
import { ControlButton } from "./control-button";
import { Icon } from "./icons";
import { useMeeting } from "./meeting-context";
import { useHostControl } from "./use-host-control";
import { usePopover } from "./use-popover";

const lobbyLabels: Record<LobbyMode, MessageKey> = {
  off: "meeting.hostMenu.lobbyOff",
  guests: "meeting.hostMenu.lobbyGuests",
  everyone: "meeting.hostMenu.lobbyEveryone",
};
const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"]';

/**
 * "Meeting options" for hosts and co-hosts: lock, host-only chat and screen share, lobby mode and
 * ending the meeting. Ticks show the room metadata, so they change only once the server has applied a choice.
 */
export function HostMenu() {
  const t = useT();
  const { role, settings } = useMeeting();
  const { run, pending } = useHostControl();
  const menuId = useId();
  const lobbyTitleId = useId();
  const { open, toggle, close, rootRef, buttonRef } = usePopover();
  const [confirmingEnd, setConfirmingEnd] = useState(false);

  useEffect(() => {
    if (open) rootRef.current?.querySelector<HTMLElement>(ITEMS)?.focus();
  }, [open, rootRef]);

  const canLock = can(role, "meeting.lock");
  const canRestrict = can(role, "meeting.restrict");
  const canEnd = can(role, "meeting.end");
  if (!canLock && !canRestrict && !canEnd) return null;

  function choose(action: ControlAction) {
    close(true);
    void run(action);
  }

  async function end() {
    await run({ action: "end" });
    // On success the server deletes the room and the disconnect overlay takes over.
    setConfirmingEnd(false);
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(rootRef.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === "ArrowDown") items[(index + 1) % items.length]?.focus();
    else if (event.key === "ArrowUp") items[(index - 1 + items.length) % items.length]?.focus();
    else if (event.key === "Home") items[0]?.focus();
    else if (event.key === "End") items[items.length - 1]?.focus();
    else if (event.key === "Tab") return close(false);
    else return;
    event.preventDefault();
  }

  return (
    <>
      <div className={styles.popoverAnchor} ref={rootRef} onKeyDown={open ? onMenuKeyDown : undefined}>
        <ControlButton
          ref={buttonRef}
          icon="shield"
          label={t("meeting.controls.meetingOptions")}
          tone={open ? "active" : "default"}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={toggle}
        />
        {open && (
          <div id={menuId} role="menu" aria-label={t("meeting.controls.meetingOptions")} className={`${styles.menu} ${styles.hostMenu}`}>
            {canLock && (
              <MenuItem role="menuitem" icon onClick={() => choose({ action: "lock", locked: !settings.locked })}>
                {t(settings.locked ? "meeting.hostMenu.unlock" : "meeting.hostMenu.lock")}
              </MenuItem>
            )}
            {canRestrict && (
              <>
                <MenuItem role="menuitemcheckbox" checked={settings.chatHostsOnly} onClick={() => choose({ action: "restrict", chatHostsOnly: !settings.chatHostsOnly })}>
                  {t("meeting.hostMenu.chatHostsOnly")}
                </MenuItem>
                <MenuItem
                  role="menuitemcheckbox"
                  checked={settings.screenShareHostsOnly}
                  onClick={() => choose({ action: "restrict", screenShareHostsOnly: !settings.screenShareHostsOnly })}
                >
                  {t("meeting.hostMenu.screenShareHostsOnly")}
                </MenuItem>
                <div role="group" aria-labelledby={lobbyTitleId}>
                  <p id={lobbyTitleId} className={styles.menuTitle}>
                    {t("meeting.hostMenu.lobbyTitle")}
                  </p>
                  {LOBBY_MODES.map((mode) => (
                    <MenuItem key={mode} role="menuitemradio" checked={settings.lobby === mode} onClick={() => choose({ action: "restrict", lobby: mode })}>
                      {t(lobbyLabels[mode])}
                    </MenuItem>
                  ))}
                </div>
              </>
            )}
            {canEnd && (
              <>
                <div role="separator" className={styles.menuSeparator} />
                <MenuItem
                  role="menuitem"
                  danger
                  onClick={() => {
                    close(false);
                    setConfirmingEnd(true);
                  }}
                >
                  {t("meeting.hostMenu.end")}
                </MenuItem>
              </>
            )}
          </div>
        )}
      </div>
      {confirmingEnd && (
        <ConfirmDialog
          title={t("meeting.hostMenu.endTitle")}
          description={t("meeting.hostMenu.endBody")}
          confirmLabel={t("meeting.hostMenu.endConfirm")}
          cancelLabel={t("common.cancel")}
          tone="danger"
          busy={pending}
          onConfirm={() => void end()}
          onCancel={() => setConfirmingEnd(false)}
        />
      )}
    </>
  );
}

type MenuItemProps = {
  role: "menuitem" | "menuitemcheckbox" | "menuitemradio";
  checked?: boolean;
  /** A lock icon in the tick column (the lock item has no tick). */
  icon?: boolean;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
};

function MenuItem({ role, checked = false, icon, danger, onClick, children }: MenuItemProps) {
  return (
    <button
      type="button"
      role={role}
      aria-checked={role === "menuitem" ? undefined : checked}
      tabIndex={-1}
      className={danger ? `${styles.menuItem} ${styles.menuItemDanger}` : styles.menuItem}
      onClick={onClick}
    >
      <span className={styles.menuCheck}>{icon ? <Icon name="lock" /> : checked && <Icon name="check" />}</span>
      {children}
    </button>
  );
}
