import type { Messages } from "@/lib/i18n";
import { auth } from "./auth";
import { captions } from "./captions";
import { common } from "./common";
import { dashboard } from "./dashboard";
import { meeting } from "./meeting";
import { recordings } from "./recordings";
import { shell } from "./shell";

export const zhCN: Messages = { common, auth, dashboard, meeting, shell, recordings, captions };
