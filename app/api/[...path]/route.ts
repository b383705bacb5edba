import { AppError } from "@/lib/errors";

/**
 * Any /api address no route handles (a typo, an extra segment, an encoded slash) answers a JSON 404
 * like the rest of the API, instead of Next.js's HTML not-found page. More specific routes,
 * including /api/auth/*, always win over this catch-all.
 */
const notFound = () => new AppError("not_found:route", "There is no API at this address.").toResponse();

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
