import { expect } from "vitest";
import { E2eeDecryptError } from "@/lib/e2ee";

/** Expects `promise` to reject with an E2eeDecryptError of this reason. */
export async function expectDecryptError(promise: Promise<unknown>, reason: E2eeDecryptError["reason"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(E2eeDecryptError);
  expect((error as E2eeDecryptError).reason).toBe(reason);
}
