import { useCallback, useEffect, useState } from "react";
import { chineseScriptFor, isChineseScript, loadChineseConverter, type ChineseConverter, type ChineseScript } from "@/lib/i18n/chinese-script";
import { localStorageOrNull } from "@/lib/local-storage";

const SCRIPT_KEY = "parley.captions.chineseScript";

/**
 * The Chinese script this reader sees captions in: their own choice (remembered), else their
 * browser's first Chinese language preference. The converter's dictionary loads only once there is
 * Chinese to show (`needed`); until then, and if it fails to load, text shows as recognised.
 */
export function useChineseScript(needed: boolean): { script: ChineseScript; setScript: (script: ChineseScript) => void; convert: ChineseConverter | null } {
  const [script, setScriptState] = useState<ChineseScript>("simplified");
  useEffect(() => {
    const stored = localStorageOrNull()?.getItem(SCRIPT_KEY);
    setScriptState(isChineseScript(stored) ? stored : chineseScriptFor(navigator.languages));
  }, []);
  const setScript = useCallback((value: ChineseScript) => {
    setScriptState(value);
    localStorageOrNull()?.setItem(SCRIPT_KEY, value);
  }, []);

  const [loaded, setLoaded] = useState<{ script: ChineseScript; convert: ChineseConverter } | null>(null);
  const loadedScript = loaded?.script;
  useEffect(() => {
    if (!needed || loadedScript === script) return;
    let cancelled = false;
    loadChineseConverter(script).then(
      (convert) => {
        if (!cancelled) setLoaded({ script, convert });
      },
      (error: unknown) => console.warn("[captions] could not load the Chinese script converter; captions show as recognised", error),
    );
    return () => {
      cancelled = true;
    };
  }, [needed, script, loadedScript]);

  return { script, setScript, convert: loaded?.script === script ? loaded.convert : null };
}
