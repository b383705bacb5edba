#!/usr/bin/env python3
"""Writes lib/audio/log-mel.fixture.json: reference log-mel values (models/whisper/reference.py,
the numpy twin of Whisper's features) for a short synthetic signal that lib/audio/log-mel.test.ts
regenerates from the same formula. Run: python models/whisper/make-mel-fixture.py"""
import json
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402

SAMPLES = 8000  # 0.5 s
FRAMES_KEPT = [0, 1, 2, 24, 49, 50, 75, 98, 99]


def signal() -> np.ndarray:
    """A 200 Hz → 5.2 kHz linear chirp plus a quieter 440 Hz tone; the test builds the same."""
    t = np.arange(SAMPLES) / ref.RATE
    x = 0.5 * np.sin(2 * np.pi * (200 * t + 5000 * t * t)) + 0.1 * np.sin(2 * np.pi * 440 * t)
    return x.astype(np.float32)


def main() -> None:
    frames = ref.window_frames(SAMPLES)
    mel = ref.log_mel(signal(), frames)
    out = {
        "$comment": "Written by models/whisper/make-mel-fixture.py (numpy reference of Whisper's log-mel); signal: 0.5 sin(2π(200 t + 5000 t²)) + 0.1 sin(2π 440 t), 8000 samples at 16 kHz, as float32.",
        "samples": SAMPLES,
        "frames": frames,
        "columns": {str(f): [round(float(v), 6) for v in mel[:, f]] for f in FRAMES_KEPT},
        "filterRowSums": [round(float(v), 9) for v in ref.mel_filters().sum(axis=1)],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib", "audio", "log-mel.fixture.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(path)} ({frames} frames)")


if __name__ == "__main__":
    main()
