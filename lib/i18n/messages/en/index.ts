import { auth } from "./auth";
import { common } from "./common";
import { dashboard } from "./dashboard";
import { meeting } from "./meeting";

export const en = { common, auth, dashboard, meeting };
