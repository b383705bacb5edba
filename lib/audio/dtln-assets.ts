import { ORT_ASSET_DIR } from "@/lib/ai/assets";
import { modelById, modelUrl } from "@/lib/ai/manifest";
import { DTLN_WORKER_PATH, DTLN_WORKLET_PATH, type DtlnModelFile } from "./dtln-protocol";

/** Where DTLN's worker, worklet, runtime and two model files are served, as absolute URLs (workers import by URL). */
export function dtlnAssetUrls(origin: string) {
  const at = (path: string) => new URL(path, origin).href;
  const file = (id: string): DtlnModelFile => {
    const entry = modelById(id);
    const [input, states] = entry.inputs.map((t) => t.name);
    const [output, statesOut] = entry.outputs.map((t) => t.name);
    return { url: at(modelUrl(entry)), input, states, output, statesOut };
  };
  return {
    workerUrl: at(DTLN_WORKER_PATH),
    workletUrl: at(DTLN_WORKLET_PATH),
    ortUrl: at(`${ORT_ASSET_DIR}/ort.all.min.mjs`),
    models: [file("dtln-model-1"), file("dtln-model-2")] as [DtlnModelFile, DtlnModelFile],
  };
}
