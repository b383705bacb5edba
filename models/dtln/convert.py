"""
DTLN (Westhausen & Meyer, Interspeech 2020; MIT) as shipped in TFLite by @vonage/noise-suppression
(dist/model_1.tflite: magnitude mask, dist/model_2.tflite: time-domain stage; 16 kHz, 512-sample
blocks every 128 samples, LSTM states passed in and out) converted to ONNX with tf2onnx, then
checked against the TFLite runtime (ai-edge-litert) on a real clip: see parity.py.

Run in a throw-away venv (tf2onnx's TFLite reader needs TensorFlow):
  python3 -m venv /tmp/dtln-venv
  /tmp/dtln-venv/bin/pip install tf2onnx==1.17.0 tensorflow-cpu==2.21.0 onnx==1.23.2 \
      onnxruntime==1.32.0 ai-edge-litert==2.3.0 numpy
  /tmp/dtln-venv/bin/python models/dtln/convert.py <out-dir>
  /tmp/dtln-venv/bin/python models/dtln/parity.py <out-dir>
(tflite2onnx 0.4.1 was tried first: it has no UNPACK, which both models use.)
"""
import hashlib
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules/@vonage/noise-suppression/dist"


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("model_1", "model_2"):
        source = PACKAGE / f"{name}.tflite"
        target = out_dir / f"dtln-{name}.onnx"
        subprocess.run(
            [sys.executable, "-m", "tf2onnx.convert", "--tflite", str(source), "--output", str(target), "--opset", "17"],
            check=True,
        )
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        print(f"{source.name} (sha256 {hashlib.sha256(source.read_bytes()).hexdigest()}) -> {target} ({target.stat().st_size} bytes, sha256 {digest})")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dtln"))
