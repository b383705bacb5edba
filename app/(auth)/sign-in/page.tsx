import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { AuthPage } from "@/components/auth/auth-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("common.signIn") };
}

export default function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  return <AuthPage mode="sign-in" searchParams={searchParams} />;
}
