"""
Writes lib/audio/dtln.fixture.json: DTLN's output from the original TFLite files (ai-edge-litert),
run block by block as parity.py does, on a signal the unit test builds the same way in TypeScript
(a chirp plus MINSTD noise, float32, 16 kHz). lib/audio/dtln-ort.test.ts runs the app's pipeline
(lib/audio/dtln-blocks.ts + the checked-in ONNX files on onnxruntime-web) on it and compares.
Run in the venv of convert.py: /tmp/dtln-venv/bin/python models/dtln/make-fixture.py
"""
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import PACKAGE, TfliteModel, denoise  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES, EVERY = 8000, 4


def signal() -> np.ndarray:
    t = np.arange(SAMPLES, dtype=np.float64) / 16000
    seed, noise = 1, np.zeros(SAMPLES)
    for i in range(SAMPLES):
        seed = seed * 48271 % 2147483647
        noise[i] = seed / 2147483647 * 2 - 1
    return (0.3 * np.sin(2 * np.pi * (200 * t + 3000 * t * t)) + 0.1 * noise).astype(np.float32)


def main() -> None:
    m1, m2 = TfliteModel(PACKAGE / "dist/model_1.tflite"), TfliteModel(PACKAGE / "dist/model_2.tflite")
    out = denoise(signal(), m1, m2, m1.state_shape)
    fixture = {
        "$comment": "Written by models/dtln/make-fixture.py: DTLN (the TFLite files of @vonage/noise-suppression@1.0.3, ai-edge-litert) on 0.3 sin(2π(200 t + 3000 t²)) + 0.1 MINSTD noise (seed 1, scaled to ±1), 8000 samples at 16 kHz, float32; every 4th output sample.",
        "samples": SAMPLES,
        "every": EVERY,
        "output": [round(float(v), 7) for v in out[::EVERY]],
    }
    (ROOT / "lib/audio/dtln.fixture.json").write_text(json.dumps(fixture) + "\n")


if __name__ == "__main__":
    main()
