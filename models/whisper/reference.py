"""numpy twins of Parley's TypeScript Whisper code (lib/audio/log-mel.ts, lib/ai/whisper.ts), used
by parity.py and make-mel-fixture.py. Kept deliberately plain: it is the reference the
TypeScript is checked against, and the ONNX files are checked against CTranslate2 through it."""
from __future__ import annotations

import json
import subprocess
import wave

import numpy as np

RATE = 16_000
N_FFT = 400
HOP = 160
N_MELS = 80
MAX_FRAMES = 3000


def hz_to_mel(f):
    """Slaney's scale (librosa htk=False): linear below 1 kHz, logarithmic above."""
    f = np.asarray(f, dtype=np.float64)
    mel = f / (200.0 / 3)
    log = f >= 1000.0
    return np.where(log, 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0), mel)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), m * (200.0 / 3))


def mel_filters() -> np.ndarray:
    """[80, 201] Slaney-normalised triangles from 0 to 8 kHz (librosa.filters.mel defaults)."""
    fft_freqs = np.linspace(0, RATE / 2, N_FFT // 2 + 1)
    points = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(8000.0), N_MELS + 2))
    widths = np.diff(points)
    ramps = points[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    return weights * (2.0 / (points[2:] - points[:-2]))[:, None]


def log_mel(audio: np.ndarray, frames: int) -> np.ndarray:
    """Whisper's log-mel of 16 kHz mono audio, zero-padded (or cut) to `frames` frames: [80, frames].
    STFT with a periodic Hann window and reflect padding (center=True), last frame dropped."""
    audio = np.asarray(audio, dtype=np.float64)
    samples = frames * HOP
    audio = np.pad(audio[:samples], (0, max(0, samples - len(audio))))
    padded = np.pad(audio, (N_FFT // 2, N_FFT // 2), mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    index = np.arange(frames)[:, None] * HOP + np.arange(N_FFT)[None, :]
    power = np.abs(np.fft.rfft(padded[index] * window, axis=-1)) ** 2  # [frames, 201]
    mel = mel_filters() @ power.T
    log = np.log10(np.maximum(mel, 1e-10))
    log = np.maximum(log, log.max() - 8.0)
    return ((log + 4.0) / 4.0).astype(np.float32)


def window_frames(samples: int, padding_seconds: float = 0.5) -> int:
    """The encoder window for a segment: its length plus about half a second, even, <= 3000."""
    frames = int(np.ceil((samples + padding_seconds * RATE) / HOP))
    return min(MAX_FRAMES, frames + (frames % 2))


def read_wav(path: str) -> np.ndarray:
    with wave.open(path) as w:
        if w.getsampwidth() != 2:
            raise SystemExit(f"{path}: only 16-bit PCM is read here")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768
        data = data.reshape(-1, w.getnchannels()).mean(axis=1)
        rate = w.getframerate()
    if rate != RATE:
        # espeak-ng writes 22.05 kHz: linear interpolation is enough for a parity check (both sides get the same samples).
        t = np.arange(int(len(data) * RATE / rate)) * (rate / RATE)
        data = np.interp(t, np.arange(len(data)), data).astype(np.float32)
    return data


def espeak(text: str, voice: str, path: str) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", path, text], check=True)
    return read_wav(path)


def greedy(encoder, decoder, tokens: dict, mel: np.ndarray, language: str, max_new: int) -> dict:
    """Greedy decoding as lib/ai/whisper.ts does it, on onnxruntime InferenceSessions."""
    special = tokens["special"]
    cross_k, cross_v = encoder.run(None, {"mel": mel[None]})
    empty = np.zeros((6, 1, 0, 512), dtype=np.float32)

    def step(ids, self_k, self_v):
        logits, k, v = decoder.run(None, {"tokens": np.array([ids], dtype=np.int64), "self_k": self_k, "self_v": self_v, "cross_k": cross_k, "cross_v": cross_v})
        return logits[0].astype(np.float64), k, v

    logits, self_k, self_v = step([special["sot"]], empty, empty)
    probs = softmax(logits)
    no_speech = float(probs[special["noSpeech"]])
    if language == "auto":
        language = "zh" if logits[tokens["languages"]["zh"]] > logits[tokens["languages"]["en"]] else "en"
    logits, self_k, self_v = step([tokens["languages"][language], special["transcribe"], special["noTimestamps"]], self_k, self_v)
    suppress = np.array(tokens["suppressTokens"] + [special["noTimestamps"]] + list(range(special["timestampBegin"], len(tokens["vocab"]))))
    out, total = [], 0.0
    while True:
        logits[suppress] = -np.inf
        if not out:
            logits[tokens["suppressAtBegin"]] = -np.inf
        logprobs = log_softmax(logits)
        token = int(np.argmax(logits))
        total += logprobs[token]
        if token == special["eot"] or len(out) >= max_new:
            break
        out.append(token)
        logits, self_k, self_v = step([token], self_k, self_v)
    return {"tokens": out, "language": language, "noSpeechProb": no_speech, "avgLogprob": total / (len(out) + 1)}


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def log_softmax(x: np.ndarray) -> np.ndarray:
    m = x[np.isfinite(x)].max()
    return x - m - np.log(np.exp(x - m).sum())


def load_tokens(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def byte_decoder() -> dict[str, int]:
    """GPT-2's printable-character -> byte table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def decode(tokens: dict, ids: list[int]) -> str:
    table = byte_decoder()
    text = "".join(tokens["vocab"][i] for i in ids if i < tokens["special"]["eot"])
    return bytes(table[c] for c in text).decode("utf-8", errors="replace").strip()
