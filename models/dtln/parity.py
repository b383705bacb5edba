"""
Runs DTLN block by block (as its authors' real_time_processing_tf_lite.py does) on the LibriSpeech
clip that @vonage/noise-suppression ships, mixed with white noise, once through the TFLite files
(ai-edge-litert) and once through the converted ONNX files (onnxruntime), and prints JSON:
the largest difference of each model's outputs for the same inputs, and of the two final signals.
Usage: python models/dtln/parity.py <dir with dtln-model_1.onnx and dtln-model_2.onnx>
"""
import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
import onnxruntime as ort
from ai_edge_litert.interpreter import Interpreter

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules/@vonage/noise-suppression"
CLIP = PACKAGE / "data/7729-102255-0000.wav"
BLOCK, SHIFT = 512, 128


def read_clip_16k() -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clip.wav"
        subprocess.run(["sox", str(CLIP), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
        with wave.open(str(out)) as w:
            return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768


class TfliteModel:
    def __init__(self, path: Path):
        self.it = Interpreter(model_path=str(path))
        self.it.allocate_tensors()
        inputs = self.it.get_input_details()
        # The input with 3 dimensions is the signal, the 4-dimensional one the LSTM states.
        self.signal = next(d for d in inputs if len(d["shape"]) == 3)
        self.state = next(d for d in inputs if len(d["shape"]) == 4)
        outputs = self.it.get_output_details()
        self.out_signal = next(d for d in outputs if len(d["shape"]) == 3)
        self.out_state = next(d for d in outputs if len(d["shape"]) == 4)
        self.state_shape = tuple(self.state["shape"])

    def __call__(self, x: np.ndarray, states: np.ndarray):
        self.it.set_tensor(self.signal["index"], x)
        self.it.set_tensor(self.state["index"], states)
        self.it.invoke()
        return self.it.get_tensor(self.out_signal["index"]), self.it.get_tensor(self.out_state["index"])


class OnnxModel:
    def __init__(self, path: Path):
        self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        inputs = self.session.get_inputs()
        self.signal = next(i.name for i in inputs if len(i.shape) == 3)
        self.state = next(i.name for i in inputs if len(i.shape) == 4)
        outputs = self.session.get_outputs()
        self.outputs = [next(o.name for o in outputs if len(o.shape) == 3), next(o.name for o in outputs if len(o.shape) == 4)]

    def __call__(self, x: np.ndarray, states: np.ndarray):
        signal, state = self.session.run(self.outputs, {self.signal: x, self.state: states})
        return signal, state


def denoise(audio: np.ndarray, model_1, model_2, state_shape, compare=None):
    states_1 = np.zeros(state_shape, dtype=np.float32)
    states_2 = np.zeros(state_shape, dtype=np.float32)
    in_buffer = np.zeros(BLOCK, dtype=np.float32)
    out_buffer = np.zeros(BLOCK, dtype=np.float32)
    out = np.zeros(len(audio), dtype=np.float32)
    for idx in range(len(audio) // SHIFT):
        in_buffer[:-SHIFT] = in_buffer[SHIFT:]
        in_buffer[-SHIFT:] = audio[idx * SHIFT : (idx + 1) * SHIFT]
        spectrum = np.fft.rfft(in_buffer)
        magnitude = np.abs(spectrum).reshape(1, 1, -1).astype(np.float32)
        mask, new_states_1 = model_1(magnitude, states_1)
        block = np.fft.irfft(magnitude * mask * np.exp(1j * np.angle(spectrum))).reshape(1, 1, -1).astype(np.float32)
        out_block, new_states_2 = model_2(block, states_2)
        if compare:
            compare(magnitude, states_1, mask, new_states_1, block, states_2, out_block, new_states_2)
        states_1, states_2 = new_states_1, new_states_2
        out_buffer[:-SHIFT] = out_buffer[SHIFT:]
        out_buffer[-SHIFT:] = 0
        out_buffer += np.squeeze(out_block)
        out[idx * SHIFT : (idx + 1) * SHIFT] = out_buffer[:SHIFT]
    return out


def main(onnx_dir: Path) -> None:
    clean = read_clip_16k()
    rng = np.random.default_rng(6)
    noise = rng.standard_normal(len(clean)).astype(np.float32)
    noisy = clean + noise * (np.sqrt(np.mean(clean**2)) / np.sqrt(np.mean(noise**2)) / 10 ** (5 / 20))
    t1, t2 = TfliteModel(PACKAGE / "dist/model_1.tflite"), TfliteModel(PACKAGE / "dist/model_2.tflite")
    o1, o2 = OnnxModel(onnx_dir / "dtln-model_1.onnx"), OnnxModel(onnx_dir / "dtln-model_2.onnx")
    worst = {"model_1_mask": 0.0, "model_1_states": 0.0, "model_2_block": 0.0, "model_2_states": 0.0}

    # Same inputs to both runtimes at every step (the TFLite run's), so differences cannot build up.
    def compare(magnitude, s1, mask, ns1, block, s2, out_block, ns2):
        m, s = o1(magnitude, s1)
        worst["model_1_mask"] = max(worst["model_1_mask"], float(np.max(np.abs(m - mask))))
        worst["model_1_states"] = max(worst["model_1_states"], float(np.max(np.abs(s - ns1))))
        b, s = o2(block, s2)
        worst["model_2_block"] = max(worst["model_2_block"], float(np.max(np.abs(b - out_block))))
        worst["model_2_states"] = max(worst["model_2_states"], float(np.max(np.abs(s - ns2))))

    from_tflite = denoise(noisy, t1, t2, t1.state_shape, compare)
    from_onnx = denoise(noisy, o1, o2, t1.state_shape)
    level = lambda x: float(20 * np.log10(np.sqrt(np.mean(x**2)) + 1e-12))
    print(
        json.dumps(
            {
                "clip": "LibriSpeech 7729-102255-0000 (CC BY 4.0) from @vonage/noise-suppression@1.0.3, resampled to 16 kHz, + white noise at 5 dB SNR",
                "blocks": len(noisy) // SHIFT,
                "maxAbsDiffPerStep": worst,
                "maxAbsDiffOutputSignal": float(np.max(np.abs(from_tflite - from_onnx))),
                "levelsDb": {"noisy": level(noisy), "tflite": level(from_tflite), "onnx": level(from_onnx)},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dtln"))
