import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, LOCALE_HEADER, getTranslator, isLocale, matchLocale, type Locale, type Translate } from ".";

/**
 * The language of this request: the one the person chose (cookie), else the best match for the
 * browser's Accept-Language. A `?lang=` in the address (the embed uses it) wins over both.
 */
export async function getLocale(): Promise<Locale> {
  const requestHeaders = await headers();
  // Set by proxy.ts from a `?lang=` query parameter (how an embedding site picks the language).
  const fromQuery = requestHeaders.get(LOCALE_HEADER);
  if (isLocale(fromQuery)) return fromQuery;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return matchLocale(requestHeaders.get("accept-language"));
}

export async function getT(): Promise<Translate> {
  return getTranslator(await getLocale());
}
