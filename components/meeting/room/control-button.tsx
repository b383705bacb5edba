import type { ButtonHTMLAttributes, Ref } from "react";
import styles from "../meeting.module.css";
import { Icon, type IconName } from "./icons";

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children"> & {
  ref?: Ref<HTMLButtonElement>;
  icon: IconName;
  /** Accessible name. Rendered as visually hidden text, not aria-label, so getByLabel("Microphone") finds only the device picker. */
  label: string;
  /** "off" = red like Meet's muted mic; "danger" = leave; "active" = a panel that is open. */
  tone?: "default" | "off" | "danger" | "active";
  /** Small count on the corner (unread messages, people); purely visual — describe it with aria-describedby. */
  badge?: number;
  /** "alert" for a count that wants attention (people waiting in the lobby). */
  badgeTone?: "default" | "alert";
};

export function ControlButton({ icon, label, tone = "default", badge, badgeTone = "default", className, type = "button", ...rest }: Props) {
  return (
    <button type={type} className={[styles.controlButton, styles[`tone_${tone}`], className].filter(Boolean).join(" ")} title={label} {...rest}>
      <Icon name={icon} />
      <span className={styles.srOnly}>{label}</span>
      {badge !== undefined && badge > 0 && (
        <span className={badgeTone === "alert" ? `${styles.badge} ${styles.badgeAlert}` : styles.badge} aria-hidden="true">
          {badge > 99 ? "99+" : badge}
        </span>
      )}
    </button>
  );
}
