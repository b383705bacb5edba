import "server-only";

/**
 * The key-value store the app uses for state that may be lost or rebuilt (rate-limit counters,
 * de-duplication keys, short-lived lobby state). Values are strings; TTLs are in milliseconds.
 */
export interface KvStore {
  get(key: string): Promise<string | null>;
  /** Replaces the value; without `ttlMs` the key never expires. */
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>;
  /**
   * Adds `by` (default 1, may be negative) to an integer value, starting from 0, and returns the
   * result. `ttlMs` is applied only while the key has no expiry, so counting never extends a window.
   */
  incr(key: string, options?: { by?: number; ttlMs?: number }): Promise<number>;
  del(key: string): Promise<void>;
}
