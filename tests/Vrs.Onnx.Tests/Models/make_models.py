#!/usr/bin/env python3
"""Writes the tiny ONNX models the Vrs.Onnx tests run through the real ONNX Runtime library.

Run with Debian's python3-onnx (onnx 1.12): /usr/bin/python3 make_models.py  (writes next to this file).
Temporary: the project's own graph writer (Vrs.Onnx.Graph) will build these models in the tests later.
Opset 13 and IR version 7 keep the files loadable by any ONNX Runtime >= 1.8.
"""
import os

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper, save

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13)]


def write(name, nodes, inputs, outputs, initializers=(), metadata=None, producer="vrs-tests", doc=""):
    graph = helper.make_graph(nodes, name.replace(".onnx", ""), inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=OPSET, producer_name=producer, ir_version=7)
    model.doc_string = doc
    model.model_version = 3
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    checker.check_model(model)
    save(model, os.path.join(HERE, name))


def vi(name, elem, dims):
    return helper.make_tensor_value_info(name, elem, dims)


F = TensorProto.FLOAT

# y = (a + b) * c, all [N, M] dynamic; plus the shape of y as int64.
write("add_mul.onnx",
      [helper.make_node("Add", ["a", "b"], ["s"]),
       helper.make_node("Mul", ["s", "c"], ["y"]),
       helper.make_node("Shape", ["y"], ["y_shape"])],
      [vi("a", F, ["N", "M"]), vi("b", F, ["N", "M"]), vi("c", F, ["N", "M"])],
      [vi("y", F, ["N", "M"]), vi("y_shape", TensorProto.INT64, [2])],
      metadata={"author": "vrs", "labels": "sum,product"},
      doc="(a + b) * c")

# y = x @ w, x: [B, K], w: [K, P] both dynamic.
write("matmul.onnx", [helper.make_node("MatMul", ["x", "w"], ["y"])],
      [vi("x", F, ["B", "K"]), vi("w", F, ["K", "P"])], [vi("y", F, ["B", "P"])])

# softmax over the last axis of [N, C].
write("softmax.onnx", [helper.make_node("Softmax", ["x"], ["y"], axis=-1)],
      [vi("x", F, ["N", "C"])], [vi("y", F, ["N", "C"])])

# rows of a table picked by int64 indices: table [R, D], idx [K] -> [K, D].
write("gather.onnx", [helper.make_node("Gather", ["table", "idx"], ["y"], axis=0)],
      [vi("table", F, ["R", "D"]), vi("idx", TensorProto.INT64, ["K"])], [vi("y", F, ["K", "D"])])

# 3x3 convolution, 2 input channels -> 3 output channels, padding 1, fixed weights and bias.
rng = np.random.default_rng(7)
w = np.round(rng.uniform(-1, 1, size=(3, 2, 3, 3)), 2).astype(np.float32)
b = np.array([0.5, -0.25, 0.0], dtype=np.float32)
write("conv.onnx",
      [helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[3, 3], pads=[1, 1, 1, 1])],
      [vi("x", F, ["N", 2, "H", "W"])], [vi("y", F, ["N", 3, "H", "W"])],
      [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
np.savetxt(os.path.join(HERE, "conv_weights.txt"), w.reshape(-1), fmt="%.2f")

# nearest-neighbour 2x upscale of an NCHW image with dynamic H, W.
scales = np.array([1, 1, 2, 2], dtype=np.float32)
write("resize.onnx",
      [helper.make_node("Resize", ["x", "", "scales"], ["y"], mode="nearest",
                        coordinate_transformation_mode="asymmetric", nearest_mode="floor")],
      [vi("x", F, ["N", "C", "H", "W"])], [vi("y", F, ["N", "C", "H2", "W2"])],
      [numpy_helper.from_array(scales, "scales")])

# Identity for every element type the binding supports: x -> y, dynamic rank-2 shape.
for suffix, elem in [("f32", F), ("f16", TensorProto.FLOAT16), ("i64", TensorProto.INT64),
                     ("i32", TensorProto.INT32), ("u8", TensorProto.UINT8), ("bool", TensorProto.BOOL)]:
    write(f"identity_{suffix}.onnx", [helper.make_node("Identity", ["x"], ["y"])],
          [vi("x", elem, ["N", "M"])], [vi("y", elem, ["N", "M"])])

# A module of the test contract kind "vrs-test" (Vrs.Onnx.Contracts): image uint8 [1, H, W, 3] and
# points float [1, N, 2] -> score float [1, N] (max of each point's coordinates).
write("probe.onnx",
      [helper.make_node("ReduceMax", ["points"], ["score"], axes=[2], keepdims=0),
       helper.make_node("Shape", ["image"], ["image_shape"])],
      [vi("image", TensorProto.UINT8, [1, "H", "W", 3]), vi("points", F, [1, "N", 2])],
      [vi("score", F, [1, "N"]), vi("image_shape", TensorProto.INT64, [4])])

# The same module with a renamed input, a wrong rank and a wrong element type, for the mismatch report.
write("probe_bad.onnx",
      [helper.make_node("ReduceMax", ["point_coords"], ["score"], axes=[1], keepdims=0),
       helper.make_node("Shape", ["image"], ["image_shape"])],
      [vi("image", F, [1, "H", "W", 3]), vi("point_coords", F, ["N", 2])],
      [vi("score", F, ["N"]), vi("image_shape", TensorProto.INT64, [4])])
