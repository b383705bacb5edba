import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n";
import { AuthPage } from "@/components/auth/auth-page";

export const metadata: Metadata = { title: getTranslator()("common.signIn") };

export default function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  return <AuthPage mode="sign-in" searchParams={searchParams} />;
}
