import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n";
import { AuthPage } from "@/components/auth/auth-page";

export const metadata: Metadata = { title: getTranslator()("common.signUp") };

export default function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  return <AuthPage mode="sign-up" searchParams={searchParams} />;
}
