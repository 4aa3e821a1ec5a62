#!/usr/bin/env python3
"""Export an official SAM 2 / SAM 2.1 checkpoint into vrs's ``sam2`` model bundle.

The bundle is a folder with ``vrs-model.json`` and four stateless ONNX graphs (contract v1, image size 1024):

  image_encoder     image                              -> vision_feat, vision_feat_nomem, high_res_feat0/1
  mask_decoder      image_embed, high_res_feat0/1,     -> masks (4 tokens, gated), iou_pred,
                    point_coords, point_labels,           obj_ptr_raw (4 tokens, not gated),
                    mask_input, has_mask_input            object_score_logits
  memory_encoder    vision_feat, mask_logits,          -> maskmem_features
                    object_score_logits, binarize
  memory_attention  vision_feat, mem_feats,            -> pix_feat_with_mem
                    mem_tpos_idx, obj_ptrs, obj_ptr_tpos

Everything else (which memories and pointers feed a frame, candidate choice, the object-score gate of the
pointer, hole filling) is done by the C# host (src/Vrs.Segmentation). The contract below mirrors
src/Vrs.Onnx/Contracts/Sam2Contract.cs; a C# test (Sam2ExportScriptTests) runs
``--print-manifest-template`` and checks that they agree, so keep both in step.

Needs: Python >= 3.10, torch (>= 2.5.1, what sam2 requires), the official ``sam2`` package (facebookresearch/sam2,
installed from a clone with ``pip install -e .``), onnx; onnxruntime and pillow for ``--check``.
``--print-manifest-template`` needs none of them (only the standard library).

Examples:
  python scripts/export_sam2.py --model large --version 2.1 --checkpoint sam2.1_hiera_large.pt --out models/sam2
  python scripts/export_sam2.py --config configs/sam2/sam2_hiera_t.yaml --checkpoint sam2_hiera_tiny.pt \\
      --out models/sam2-tiny --check frame.jpg --click 420,310
  python scripts/export_sam2.py --print-manifest-template
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import math
import os
import shutil
import sys
import tempfile
import time

# --------------------------------------------------------------------------------------------------------------
# The contract (mirror of src/Vrs.Onnx/Contracts/Sam2Contract.cs). Standard library only from here to the
# "torch part" marker: --print-manifest-template must run without torch.
# --------------------------------------------------------------------------------------------------------------

KIND = "sam2"
CONTRACT_VERSION = 1
IMAGE_SIZE = 1024
HIDDEN_DIM = 256
MEM_DIM = 64
FEATURE_SIZE = 64
LOW_RES_MASK_SIZE = 256
MASK_TOKENS = 4
MANIFEST_FILE = "vrs-model.json"

MODULE_FILES = {
    "image_encoder": "image_encoder.onnx",
    "mask_decoder": "mask_decoder.onnx",
    "memory_encoder": "memory_encoder.onnx",
    "memory_attention": "memory_attention.onnx",
}

F32 = "float32"
I64 = "int64"
_F = FEATURE_SIZE
_M = LOW_RES_MASK_SIZE

# module -> (inputs, outputs); each tensor (name, dtype, dims) with a dim an int (fixed) or a str (dynamic axis).
CONTRACT = {
    "image_encoder": (
        [("image", F32, [1, 3, IMAGE_SIZE, IMAGE_SIZE])],
        [
            ("vision_feat", F32, [1, HIDDEN_DIM, _F, _F]),
            ("vision_feat_nomem", F32, [1, HIDDEN_DIM, _F, _F]),
            ("high_res_feat0", F32, [1, 32, 4 * _F, 4 * _F]),
            ("high_res_feat1", F32, [1, 64, 2 * _F, 2 * _F]),
        ],
    ),
    "mask_decoder": (
        [
            ("image_embed", F32, ["B", HIDDEN_DIM, _F, _F]),
            ("high_res_feat0", F32, ["B", 32, 4 * _F, 4 * _F]),
            ("high_res_feat1", F32, ["B", 64, 2 * _F, 2 * _F]),
            ("point_coords", F32, ["B", "N", 2]),
            ("point_labels", F32, ["B", "N"]),
            ("mask_input", F32, ["B", 1, _M, _M]),
            ("has_mask_input", F32, ["B"]),
        ],
        [
            ("masks", F32, ["B", MASK_TOKENS, _M, _M]),
            ("iou_pred", F32, ["B", MASK_TOKENS]),
            ("obj_ptr_raw", F32, ["B", MASK_TOKENS, HIDDEN_DIM]),
            ("object_score_logits", F32, ["B", 1]),
        ],
    ),
    "memory_encoder": (
        [
            ("vision_feat", F32, ["B", HIDDEN_DIM, _F, _F]),
            ("mask_logits", F32, ["B", 1, _M, _M]),
            ("object_score_logits", F32, ["B", 1]),
            ("binarize", F32, ["B"]),
        ],
        [("maskmem_features", F32, ["B", MEM_DIM, _F, _F])],
    ),
    "memory_attention": (
        [
            ("vision_feat", F32, ["B", HIDDEN_DIM, _F, _F]),
            ("mem_feats", F32, ["B", "Nm", MEM_DIM, _F, _F]),
            ("mem_tpos_idx", I64, ["Nm"]),
            ("obj_ptrs", F32, ["B", "P", HIDDEN_DIM]),
            ("obj_ptr_tpos", F32, ["P"]),
        ],
        [("pix_feat_with_mem", F32, ["B", HIDDEN_DIM, _F, _F])],
    ),
}

# name -> JSON kind the host reads (Sam2Settings.FromManifest: GetInt64, GetDouble, GetDoubleArray, GetString).
CONSTANT_KINDS = {
    "image_size": "int",
    "image_mean": ("floats", 3),
    "image_std": ("floats", 3),
    "num_maskmem": "int",
    "max_obj_ptrs_in_encoder": "int",
    "mask_threshold": "float",
    "no_obj_score": "float",
    "fill_hole_area": "int",
    "multimask_min_pt_num": "int",
    "multimask_max_pt_num": "int",
    "dynamic_multimask_stability_delta": "float",
    "dynamic_multimask_stability_thresh": "float",
    "sigmoid_scale_for_mem_enc": "float",
    "sigmoid_bias_for_mem_enc": "float",
    "no_obj_ptr": ("floats", HIDDEN_DIM),
    "model_version": "str",
}
REQUIRED_CONSTANTS = list(CONSTANT_KINDS)

# What build_sam2_video_predictor(apply_postprocessing=True) gives for the SAM 2.1 configs (no_obj_ptr is learned:
# zeros here). Only the template uses these; an export reads every value from the loaded model.
SAM21_DEFAULT_CONSTANTS = {
    "image_size": 1024,
    "image_mean": [0.485, 0.456, 0.406],
    "image_std": [0.229, 0.224, 0.225],
    "num_maskmem": 7,
    "max_obj_ptrs_in_encoder": 16,
    "mask_threshold": 0.0,
    "no_obj_score": -1024.0,
    "fill_hole_area": 8,
    "multimask_min_pt_num": 0,
    "multimask_max_pt_num": 1,
    "dynamic_multimask_stability_delta": 0.05,
    "dynamic_multimask_stability_thresh": 0.98,
    "sigmoid_scale_for_mem_enc": 20.0,
    "sigmoid_bias_for_mem_enc": -10.0,
    "no_obj_ptr": [0.0] * HIDDEN_DIM,
    "model_version": "sam2.1_hiera_large",
}

MODEL_SIZES = {"tiny": "t", "small": "s", "base_plus": "b+", "large": "l"}
MODEL_ALIASES = {"t": "tiny", "s": "small", "b+": "base_plus", "base-plus": "base_plus", "baseplus": "base_plus",
                 "b": "base_plus", "l": "large"}
VERSIONS = ("2", "2.1")


class ExportError(Exception):
    """A problem the user can fix; printed as one message, exit code 2."""


def official_config(model: str, version: str) -> str:
    """The hydra config name inside the sam2 package, e.g. configs/sam2.1/sam2.1_hiera_l.yaml."""
    prefix = "sam2.1" if version == "2.1" else "sam2"
    return f"configs/{prefix}/{prefix}_hiera_{MODEL_SIZES[model]}.yaml"


def official_checkpoint_name(model: str, version: str) -> str:
    prefix = "sam2.1" if version == "2.1" else "sam2"
    return f"{prefix}_hiera_{model}.pt"


def model_version_from_config(config: str) -> str:
    """sam2.1_hiera_l.yaml -> sam2.1_hiera_large; an unknown name is kept as its file stem."""
    stem = os.path.splitext(os.path.basename(config))[0]
    for model, short in MODEL_SIZES.items():
        for prefix in ("sam2.1", "sam2"):
            if stem == f"{prefix}_hiera_{short}":
                return f"{prefix}_hiera_{model}"
    return stem


def build_constants(values: dict) -> dict:
    """
    The manifest constants, validated and typed as the host reads them (ints as JSON integers, floats as JSON
    numbers, lists of floats of the right length, strings), in REQUIRED_CONSTANTS order. Raises ExportError
    naming every missing, extra or malformed constant.
    """
    problems = []
    missing = [name for name in REQUIRED_CONSTANTS if name not in values]
    extra = [name for name in values if name not in CONSTANT_KINDS]
    if missing:
        problems.append("missing: " + ", ".join(missing))
    if extra:
        problems.append("not read by the host: " + ", ".join(extra))
    constants = {}
    for name in REQUIRED_CONSTANTS:
        if name not in values:
            continue
        kind, value = CONSTANT_KINDS[name], values[name]
        try:
            if kind == "int":
                if isinstance(value, bool) or float(value) != int(value):
                    raise ValueError(f"{value!r} is not a whole number")
                constants[name] = int(value)
            elif kind == "float":
                number = float(value)
                if not math.isfinite(number):
                    raise ValueError(f"{value!r} is not finite")
                constants[name] = number
            elif kind == "str":
                if not isinstance(value, str) or not value:
                    raise ValueError(f"{value!r} is not a non-empty string")
                constants[name] = value
            else:
                length = kind[1]
                numbers = [float(v) for v in value]
                if len(numbers) != length:
                    raise ValueError(f"has {len(numbers)} values, expected {length}")
                if not all(math.isfinite(v) for v in numbers):
                    raise ValueError("has a value that is not finite")
                constants[name] = numbers
        except (TypeError, ValueError) as error:
            problems.append(f"{name}: {error}")
    if problems:
        raise ExportError("manifest constants: " + "; ".join(problems))
    return constants


def manifest_document(constants: dict, description: str, export_info: dict | None = None) -> dict:
    """vrs-model.json of a real (not stand-in) bundle."""
    document = {
        "kind": KIND,
        "contract_version": CONTRACT_VERSION,
        "standin": False,
        "description": description,
        "modules": dict(MODULE_FILES),
        "constants": build_constants(constants),
    }
    if export_info:
        document["export"] = export_info
    return document


def contract_document() -> dict:
    def tensors(items):
        return [{"name": name, "dtype": dtype, "shape": list(dims)} for name, dtype, dims in items]

    return {module: {"inputs": tensors(inputs), "outputs": tensors(outputs)}
            for module, (inputs, outputs) in CONTRACT.items()}


def template_document() -> dict:
    """What --print-manifest-template prints: the manifest this script writes (with SAM 2.1 default values) and
    the module contract it exports against. Not a bundle (there are no weights in it)."""
    return {
        "template": "not a bundle: the manifest export_sam2.py writes, with SAM 2.1 default values in place of "
                    "the values it reads from the loaded model, and the module contract it exports against",
        "manifest": manifest_document(SAM21_DEFAULT_CONSTANTS, "SAM 2.1 (template)"),
        "required_constants": list(REQUIRED_CONSTANTS),
        "contract": contract_document(),
    }


# --------------------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="export_sam2.py",
        description="Export an official SAM 2 / 2.1 checkpoint into vrs's sam2 bundle (four ONNX modules + "
                    "vrs-model.json).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("Examples:", 1)[1] if "Examples:" in __doc__ else None)
    parser.add_argument("--checkpoint", help="official checkpoint (.pt), e.g. sam2.1_hiera_large.pt")
    parser.add_argument("--config", help="hydra config inside the sam2 package, e.g. configs/sam2.1/sam2.1_hiera_l.yaml "
                                         "(or a path ending in one)")
    parser.add_argument("--model", help="tiny | small | base_plus | large (instead of --config)")
    parser.add_argument("--version", default="2.1", help="2 | 2.1 with --model (default 2.1)")
    parser.add_argument("--model-version", help="model_version written to the manifest (default from the config, "
                                                "e.g. sam2.1_hiera_large)")
    parser.add_argument("--out", help="bundle folder to create")
    parser.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    parser.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="device for export and check")
    parser.add_argument("--attention-chunks", type=int, default=4,
                        help="memory attention: split the 4096 queries into this many chunks (exact; lowers peak "
                             "memory of ONNX Runtime, which materializes the attention matrix); default 4")
    parser.add_argument("--check", metavar="IMAGE", help="after export, compare the ONNX modules with PyTorch on this "
                                                         "image and run a short tracking comparison")
    parser.add_argument("--click", help="X,Y in IMAGE pixels for --check (default: the image centre)")
    parser.add_argument("--check-frames", type=int, default=3, help="frames of the tracking comparison (default 3)")
    parser.add_argument("--atol", type=float, default=1e-3, help="--check: absolute tolerance (default 1e-3)")
    parser.add_argument("--rtol", type=float, default=1e-3,
                        help="--check: tolerance relative to the largest |reference| value (default 1e-3)")
    parser.add_argument("--min-iou", type=float, default=0.95, help="--check: least tracking IoU (default 0.95)")
    parser.add_argument("--print-manifest-template", action="store_true",
                        help="print the manifest template and module contract as JSON and exit (no torch needed)")
    args = parser.parse_args(argv)
    if args.print_manifest_template:
        return args

    problems = []
    if args.model is not None:
        name = args.model.strip().lower()
        name = MODEL_ALIASES.get(name, name)
        if name not in MODEL_SIZES:
            problems.append(f"unknown model '{args.model}': choose one of {', '.join(MODEL_SIZES)}")
        args.model = name
        args.version = {"2.0": "2", "20": "2", "21": "2.1"}.get(args.version, args.version)
        if args.version not in VERSIONS:
            problems.append(f"unknown SAM version '{args.version}': choose 2 or 2.1")
    if args.config is None and args.model is None:
        problems.append("give --config CFG or --model tiny|small|base_plus|large (with --version 2|2.1)")
    if args.config is not None and args.model is not None:
        problems.append("give --config or --model, not both")
    if not args.checkpoint:
        problems.append("--checkpoint is required (this script downloads nothing)")
    elif not os.path.isfile(args.checkpoint):
        hint = ""
        if args.model in MODEL_SIZES and args.version in VERSIONS:
            hint = f" (the official file for this model is named {official_checkpoint_name(args.model, args.version)})"
        problems.append(f"checkpoint not found: {args.checkpoint}{hint}")
    if not args.out:
        problems.append("--out DIR is required")
    elif os.path.exists(args.out) and not args.overwrite:
        problems.append(f"{args.out} exists; pass --overwrite to replace it")
    if args.check is not None and not os.path.isfile(args.check):
        problems.append(f"--check image not found: {args.check}")
    if args.check_frames < 2:
        problems.append("--check-frames must be at least 2")
    if args.attention_chunks < 1 or 4096 % args.attention_chunks != 0:
        problems.append("--attention-chunks must divide 4096")
    if args.click is not None:
        try:
            x, y = (float(v) for v in args.click.split(","))
            args.click = (x, y)
        except ValueError:
            problems.append(f"--click must be X,Y, not '{args.click}'")
    if problems:
        raise ExportError("\n".join(problems))

    if args.model is not None:
        args.config = official_config(args.model, args.version)
    args.config = normalize_config_name(args.config)
    if not args.model_version:
        args.model_version = model_version_from_config(args.config)
    return args


def normalize_config_name(config: str) -> str:
    """A path to one of the package's configs becomes its name inside the package (what hydra's compose wants)."""
    path = config.replace("\\", "/")
    if "/configs/" in path and not path.startswith("configs/"):
        path = "configs/" + path.split("/configs/", 1)[1]
    return path


def import_stack(need_check: bool):
    """Imports torch, sam2 and onnx (and onnxruntime, PIL for --check) or says exactly what to install."""
    missing = []
    modules = {}
    for name, install in (("torch", "torch (>= 2.5.1)"), ("onnx", "onnx")):
        try:
            modules[name] = __import__(name)
        except ImportError:
            missing.append(install)
    if "torch" in modules:
        try:
            import sam2.build_sam  # noqa: F401  (hydra, iopath, ... come with it)
            modules["sam2"] = sys.modules["sam2"]
        except ImportError as error:
            missing.append(f"the official sam2 package (clone facebookresearch/sam2, then `pip install -e .` in it; "
                           f"import failed: {error})")
    else:
        missing.append("the official sam2 package (clone facebookresearch/sam2, then `pip install -e .` in it)")
    if need_check:
        for name, install in (("onnxruntime", "onnxruntime"), ("PIL", "pillow"), ("numpy", "numpy")):
            try:
                modules[name] = __import__(name)
            except ImportError:
                missing.append(install)
    if missing:
        raise ExportError("missing Python packages:\n  - " + "\n  - ".join(missing)
                          + "\ninstall them with pip (e.g. `pip install torch onnx onnxruntime pillow` and the sam2 "
                            "clone); --print-manifest-template works without them")
    return modules


# --------------------------------------------------------------------------------------------------------------
# torch part: everything below imports torch lazily (inside functions).
# --------------------------------------------------------------------------------------------------------------

# Settings of SAM2Base that the host's bookkeeping assumes; an export of a model that differs would compute
# something the host does not expect, so it is refused. (attribute path, wanted value, why)
HOST_ASSUMPTIONS = [
    ("image_size", IMAGE_SIZE, "contract v1 is for 1024-pixel inputs"),
    ("backbone_stride", 16, "64x64 feature grid"),
    ("hidden_dim", HIDDEN_DIM, "contract channel count"),
    ("mem_dim", MEM_DIM, "contract memory channel count"),
    ("use_high_res_features_in_sam", True, "high_res_feat0/1 are decoder inputs"),
    ("directly_add_no_mem_embed", True, "vision_feat_nomem = vision_feat + no_mem_embed on initial frames"),
    ("multimask_output_in_sam", True, "the host applies the multimask rule"),
    ("multimask_output_for_tracking", True, "tracked frames (0 points) use multimask output"),
    ("use_multimask_token_for_obj_ptr", True, "the pointer comes from the chosen multimask token"),
    ("pred_obj_scores", True, "the host gates masks and pointers on the object score"),
    ("fixed_no_obj_ptr", True, "an absent object's pointer is exactly no_obj_ptr"),
    ("soft_no_obj_ptr", False, "the host mixes pointers with a hard 0/1 choice"),
    ("use_obj_ptrs_in_encoder", True, "memory attention reads object pointers"),
    ("only_obj_ptrs_in_the_past_for_eval", True, "the host reads pointers of conditioning frames at or behind t"),
    ("binarize_mask_from_pts_for_mem_enc", True, "prompted frames' memories are binarized (apply_postprocessing)"),
    ("non_overlap_masks_for_mem_enc", False, "the host encodes each object alone"),
    ("max_cond_frames_in_attn", -1, "the host attends to every conditioning frame"),
    ("memory_temporal_stride_for_eval", 1, "the host reads t-1 ... t-6"),
    ("sam_mask_decoder.dynamic_multimask_via_stability", True, "the host's stability fallback (apply_postprocessing)"),
]


def read_attribute(obj, path):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def check_host_assumptions(model):
    problems = []
    for path, wanted, why in HOST_ASSUMPTIONS:
        try:
            have = read_attribute(model, path)
        except AttributeError:
            problems.append(f"{path} is missing ({why})")
            continue
        if have != wanted:
            problems.append(f"{path} = {have!r}, the host needs {wanted!r} ({why})")
    from sam2.modeling.sam.transformer import RoPEAttention

    for i, layer in enumerate(model.memory_attention.layers):
        for part in ("self_attn", "cross_attn_image"):
            if not isinstance(getattr(layer, part), RoPEAttention):
                problems.append(f"memory_attention.layers[{i}].{part} is not RoPEAttention")
        if isinstance(layer.cross_attn_image, RoPEAttention) and not layer.cross_attn_image.rope_k_repeat:
            problems.append(f"memory_attention.layers[{i}].cross_attn_image.rope_k_repeat is False")
    if problems:
        raise ExportError("this model does not match what the vrs host implements:\n  - " + "\n  - ".join(problems))


def read_constants(model, model_version):
    """The manifest constants from the loaded SAM2VideoPredictor (and the package's own defaults)."""
    from sam2.modeling.sam2_base import NO_OBJ_SCORE
    from sam2.utils.misc import load_video_frames

    loader = inspect.signature(load_video_frames).parameters
    try:
        from sam2.sam2_image_predictor import SAM2ImagePredictor

        mask_threshold = inspect.signature(SAM2ImagePredictor.__init__).parameters["mask_threshold"].default
    except (ImportError, KeyError):
        mask_threshold = 0.0
    decoder = model.sam_mask_decoder
    values = {
        "image_size": model.image_size,
        "image_mean": list(loader["img_mean"].default),
        "image_std": list(loader["img_std"].default),
        "num_maskmem": model.num_maskmem,
        "max_obj_ptrs_in_encoder": model.max_obj_ptrs_in_encoder,
        "mask_threshold": mask_threshold,
        "no_obj_score": NO_OBJ_SCORE,
        "fill_hole_area": model.fill_hole_area,
        "multimask_min_pt_num": model.multimask_min_pt_num,
        "multimask_max_pt_num": model.multimask_max_pt_num,
        "dynamic_multimask_stability_delta": decoder.dynamic_multimask_stability_delta,
        "dynamic_multimask_stability_thresh": decoder.dynamic_multimask_stability_thresh,
        "sigmoid_scale_for_mem_enc": model.sigmoid_scale_for_mem_enc,
        "sigmoid_bias_for_mem_enc": model.sigmoid_bias_for_mem_enc,
        "no_obj_ptr": model.no_obj_ptr.detach().float().cpu().reshape(-1).tolist(),
        "model_version": model_version,
    }
    return build_constants(values)


def define_wrappers():
    """The four torch.nn.Module wrappers (defined here so that importing this file needs no torch)."""
    import torch
    import torch.nn.functional as F
    from sam2.modeling.sam2_base import NO_OBJ_SCORE
    from sam2.modeling.sam2_utils import get_1d_sine_pe

    class ImageEncoder(torch.nn.Module):
        """image -> SAM2Base.forward_image (Hiera trunk + FPN neck, then the decoder's conv_s0 / conv_s1 on the two
        high-resolution levels). vision_feat is the stride-16 level as the memory encoder and memory attention
        take it; vision_feat_nomem adds no_mem_embed (what the decoder reads on an initial conditioning frame,
        _prepare_memory_conditioned_features with directly_add_no_mem_embed)."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, image):
            fpn = self.model.forward_image(image)["backbone_fpn"]
            vision_feat = fpn[-1]
            no_mem = self.model.no_mem_embed.reshape(1, -1, 1, 1)
            return vision_feat, vision_feat + no_mem, fpn[0], fpn[1]

    class MaskDecoder(torch.nn.Module):
        """The prompt encoder and mask decoder of _forward_sam_heads, with every token returned:
        sparse = PromptEncoder._embed_points(points, labels, pad=True) (boxes arrive as labels 2/3, and the
        official always pads one not-a-point because it passes boxes=None); dense = PromptEncoder._embed_masks
        (mask_input) where has_mask_input, else no_mask_embed; MaskDecoder.predict_masks gives the 4 mask tokens
        (0 single, 1-3 multimask), their IoU, the output tokens and the object score. Masks are gated on the score
        (NO_OBJ_SCORE where score <= 0, as _forward_sam_heads); obj_ptr_raw = obj_ptr_proj(token) for every token,
        before the no-object mix (the host picks the token and substitutes no_obj_ptr)."""

        def __init__(self, model):
            super().__init__()
            self.model = model
            with torch.no_grad():
                self.register_buffer("image_pe", model.sam_prompt_encoder.get_dense_pe().detach().clone())

        def forward(self, image_embed, high_res_feat0, high_res_feat1, point_coords, point_labels, mask_input,
                    has_mask_input):
            prompt = self.model.sam_prompt_encoder
            sparse = prompt._embed_points(point_coords, point_labels, pad=True)
            dense_mask = prompt._embed_masks(mask_input)
            dense_none = prompt.no_mask_embed.weight.reshape(1, -1, 1, 1).expand_as(dense_mask)
            dense = torch.where(has_mask_input.reshape(-1, 1, 1, 1) > 0.5, dense_mask, dense_none)
            masks, iou_pred, tokens, score = self.model.sam_mask_decoder.predict_masks(
                image_embeddings=image_embed,
                image_pe=self.image_pe,
                sparse_prompt_embeddings=sparse,
                dense_prompt_embeddings=dense,
                repeat_image=False,
                high_res_features=[high_res_feat0, high_res_feat1],
            )
            masks = torch.where(score[:, :, None, None] > 0, masks, torch.full_like(masks, NO_OBJ_SCORE))
            obj_ptr_raw = self.model.obj_ptr_proj(tokens)
            return masks.float(), iou_pred.float(), obj_ptr_raw.float(), score.float()

    class MemoryEncoder(torch.nn.Module):
        """_encode_new_memory from low-resolution logits: bilinear upsampling to image size (align_corners=False,
        as _forward_sam_heads and the preflight do), then (logits > 0) where binarize else sigmoid, times
        sigmoid_scale_for_mem_enc plus sigmoid_bias_for_mem_enc, MemoryEncoder(skip_mask_sigmoid=True), and
        no_obj_embed_spatial added where object_score_logits <= 0 (SAM 2.1)."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, vision_feat, mask_logits, object_score_logits, binarize):
            model = self.model
            size = model.image_size
            high_res = F.interpolate(mask_logits, size=(size, size), mode="bilinear", align_corners=False)
            hard = (high_res > 0).float()
            mask = torch.where(binarize.reshape(-1, 1, 1, 1) > 0.5, hard, torch.sigmoid(high_res))
            if model.sigmoid_scale_for_mem_enc != 1.0:
                mask = mask * model.sigmoid_scale_for_mem_enc
            if model.sigmoid_bias_for_mem_enc != 0.0:
                mask = mask + model.sigmoid_bias_for_mem_enc
            features = model.memory_encoder(vision_feat, mask, skip_mask_sigmoid=True)["vision_features"]
            absent = 1.0 - (object_score_logits > 0).float()                            # [B, 1]
            if model.no_obj_embed_spatial is not None:
                features = features + absent[..., None, None] * model.no_obj_embed_spatial[..., None, None]
            else:
                features = features + 0.0 * absent[..., None, None]                     # SAM 2.0: keeps the input
            return features.float()

    class MemoryAttention(torch.nn.Module):
        """_prepare_memory_conditioned_features (non-initial frame) and MemoryAttention.forward, batch first.
        Spatial memories: mem_feats flattened in the official order (memory by memory, row-major), position =
        the memory encoder's sine encoding + maskmem_tpos_enc[mem_tpos_idx] (the host sends the row directly:
        num_maskmem-1 for conditioning frames, t_rel-1 for recent ones). Pointers: each 256-d pointer split into
        hidden_dim/mem_dim tokens; position = obj_ptr_tpos_proj(get_1d_sine_pe(obj_ptr_tpos)) (obj_ptr_tpos is
        already divided by t_diff_max) repeated per token, zeros without add_tpos_enc_to_obj_ptrs (SAM 2.0).
        The layers run the official submodules (norms, q/k/v/out projections, MLP); only RoPE is recomputed in
        real arithmetic (ONNX has no complex numbers): the same rotation of consecutive channel pairs by the
        module's freqs_cis, repeated over every spatial memory and skipped for pointer tokens, as
        RoPEAttention(rope_k_repeat=True, num_k_exclude_rope=pointer tokens)."""

        def __init__(self, model, query_chunks=1):
            super().__init__()
            self.model = model
            self.query_chunks = query_chunks
            grid = FEATURE_SIZE
            with torch.no_grad():
                probe = torch.zeros(1, model.hidden_dim, grid, grid, device=model.device)
                curr_pos = model.image_encoder.neck.position_encoding(probe)                # [1, C, 64, 64]
                self.register_buffer("curr_pos", curr_pos.flatten(2).transpose(1, 2).contiguous())
                mem_probe = torch.zeros(1, model.mem_dim, grid, grid, device=model.device)
                mem_pos = model.memory_encoder.position_encoding(mem_probe)              # [1, mem_dim, 64, 64]
                self.register_buffer("mem_pos", mem_pos.flatten(2).transpose(1, 2)[0].contiguous())
                freqs = None
                for layer in model.memory_attention.layers:
                    for attention in (layer.self_attn, layer.cross_attn_image):
                        own = attention.compute_cis(end_x=grid, end_y=grid).detach().cpu()   # complex [4096, d/2]
                        if freqs is not None and not torch.equal(own, freqs):
                            raise ExportError("memory attention layers use different RoPE frequencies; this "
                                              "export shares one table")
                        freqs = own
                self.register_buffer("rope_cos", freqs.real.float().to(model.device).contiguous())
                self.register_buffer("rope_sin", freqs.imag.float().to(model.device).contiguous())

        def _rotate(self, x):
            """RoPE on [B, heads, L, d] with L a multiple of 4096 (the key-side repeat)."""
            positions, half = self.rope_cos.shape                                         # 4096, d/2
            pairs = x.reshape(x.shape[0], x.shape[1], -1, positions, half, 2)            # [B, h, L/4096, 4096, d/2, 2]
            a, b = pairs[..., 0], pairs[..., 1]
            cos, sin = self.rope_cos, self.rope_sin
            rotated = torch.stack((a * cos - b * sin, a * sin + b * cos), dim=-1)
            return rotated.reshape(x.shape[0], x.shape[1], -1, 2 * half)

        def _attend(self, attention, query, key_parts):
            """RoPEAttention.forward with keys/values given in parts [(keys, values, rotate)]."""
            q = self._rotate(attention._separate_heads(attention.q_proj(query), attention.num_heads))
            ks, vs = [], []
            for keys, values, rotate in key_parts:
                k = attention._separate_heads(attention.k_proj(keys), attention.num_heads)
                ks.append(self._rotate(k) if rotate else k)
                vs.append(attention._separate_heads(attention.v_proj(values), attention.num_heads))
            k = torch.cat(ks, dim=2) if len(ks) > 1 else ks[0]
            v = torch.cat(vs, dim=2) if len(vs) > 1 else vs[0]
            scale = 1.0 / math.sqrt(attention.internal_dim // attention.num_heads)
            k_t = k.transpose(-2, -1)
            queries = FEATURE_SIZE * FEATURE_SIZE
            chunks = q.split(queries // self.query_chunks, dim=2) if self.query_chunks > 1 else (q,)
            out = torch.cat([torch.softmax((c @ k_t) * scale, dim=-1) @ v for c in chunks], dim=2)
            return attention.out_proj(attention._recombine_heads(out))

        def forward(self, vision_feat, mem_feats, mem_tpos_idx, obj_ptrs, obj_ptr_tpos):
            model = self.model
            attention_module = model.memory_attention
            batch = vision_feat.shape[0]
            channels, mem_dim = model.hidden_dim, model.mem_dim
            curr = vision_feat.flatten(2).transpose(1, 2)                                # [B, 4096, C]
            curr_pos = self.curr_pos.expand(batch, -1, -1)

            # spatial memories [B, Nm*4096, mem_dim] and their positions
            memory = mem_feats.flatten(3).transpose(2, 3).flatten(1, 2)
            tpos = model.maskmem_tpos_enc.reshape(model.num_maskmem, mem_dim).index_select(0, mem_tpos_idx)
            memory_pos = (self.mem_pos.unsqueeze(0) + tpos.unsqueeze(1)).flatten(0, 1)   # [Nm*4096, mem_dim]
            memory_pos = memory_pos.unsqueeze(0).expand(batch, -1, -1)

            # object pointers [B, P*split, mem_dim] and their positions
            split = channels // mem_dim
            pointers = obj_ptrs.reshape(batch, -1, mem_dim)
            if model.add_tpos_enc_to_obj_ptrs:
                tpos_dim = channels if model.proj_tpos_enc_in_obj_ptrs else mem_dim
                pointer_pos = model.obj_ptr_tpos_proj(get_1d_sine_pe(obj_ptr_tpos, dim=tpos_dim))   # [P, mem_dim]
            else:
                pointer_pos = obj_ptr_tpos.unsqueeze(-1) * 0.0 + torch.zeros(mem_dim, device=obj_ptrs.device)
            pointer_pos = pointer_pos.unsqueeze(1).expand(-1, split, -1).flatten(0, 1)  # repeat_interleave(split)
            pointer_pos = pointer_pos.unsqueeze(0).expand(batch, -1, -1)

            output = curr
            if attention_module.pos_enc_at_input:
                output = output + 0.1 * curr_pos
            for layer in attention_module.layers:
                # self-attention
                normed = layer.norm1(output)
                qk = normed + curr_pos if layer.pos_enc_at_attn else normed
                output = output + self._attend(layer.self_attn, qk, [(qk, normed, True)])
                # cross-attention to memories (RoPE) and pointers (no RoPE)
                normed = layer.norm2(output)
                query = normed + curr_pos if layer.pos_enc_at_cross_attn_queries else normed
                use_pos = layer.pos_enc_at_cross_attn_keys
                parts = [
                    (memory + memory_pos if use_pos else memory, memory, True),
                    (pointers + pointer_pos if use_pos else pointers, pointers, False),
                ]
                output = output + self._attend(layer.cross_attn_image, query, parts)
                # MLP
                normed = layer.norm3(output)
                output = output + layer.linear2(layer.activation(layer.linear1(normed)))
            output = attention_module.norm(output)
            return output.transpose(1, 2).reshape(batch, channels, FEATURE_SIZE, FEATURE_SIZE).float()

    return ImageEncoder, MaskDecoder, MemoryEncoder, MemoryAttention


def sample_inputs(module, device):
    """Trace inputs: dynamic axes get sizes > 1 and different from each other (B=2, N=3, Nm=3, P=5) so the
    tracer cannot confuse them or specialise a broadcast of 1."""
    import torch

    g = torch.Generator().manual_seed(0)

    def randn(*shape):
        return torch.randn(*shape, generator=g).to(device)

    if module == "image_encoder":
        return (randn(1, 3, IMAGE_SIZE, IMAGE_SIZE),)
    if module == "mask_decoder":
        coords = (torch.rand(2, 3, 2, generator=g) * IMAGE_SIZE).to(device)
        labels = torch.tensor([[1.0, 0.0, -1.0], [2.0, 3.0, 1.0]], device=device)
        return (randn(2, HIDDEN_DIM, _F, _F), randn(2, 32, 4 * _F, 4 * _F), randn(2, 64, 2 * _F, 2 * _F),
                coords, labels, randn(2, 1, _M, _M), torch.tensor([0.0, 1.0], device=device))
    if module == "memory_encoder":
        return (randn(2, HIDDEN_DIM, _F, _F), randn(2, 1, _M, _M) * 8, torch.tensor([[2.0], [-2.0]], device=device),
                torch.tensor([1.0, 0.0], device=device))
    if module == "memory_attention":
        return (randn(2, HIDDEN_DIM, _F, _F), randn(2, 3, MEM_DIM, _F, _F),
                torch.tensor([6, 0, 1], dtype=torch.int64, device=device), randn(2, 5, HIDDEN_DIM),
                torch.tensor([0.0, 1 / 15, 2 / 15, 3 / 15, 4 / 15], device=device))
    raise KeyError(module)


def export_module(torch, wrapper, module, path, opset, device):
    inputs, outputs = CONTRACT[module]
    dynamic_axes = {}
    for name, _, dims in list(inputs) + list(outputs):
        axes = {axis: dim for axis, dim in enumerate(dims) if isinstance(dim, str)}
        if axes:
            dynamic_axes[name] = axes
    options = dict(
        input_names=[name for name, _, _ in inputs],
        output_names=[name for name, _, _ in outputs],
        dynamic_axes=dynamic_axes or None,
        opset_version=opset,
        do_constant_folding=True,
    )
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        options["dynamo"] = False  # the TorchScript exporter: dynamic_axes, one self-contained file
    wrapper.eval()
    with torch.no_grad():
        torch.onnx.export(wrapper, sample_inputs(module, device), path, **options)


def verify_onnx_io(onnx, path, module):
    """Names, element types, ranks, fixed sizes and free axes of one exported file against CONTRACT."""
    model = onnx.load(path, load_external_data=False)
    initializers = {i.name for i in model.graph.initializer}
    elem = {F32: onnx.TensorProto.FLOAT, I64: onnx.TensorProto.INT64}
    problems = []
    for side, wanted, have in (("input", CONTRACT[module][0], [v for v in model.graph.input if v.name not in initializers]),
                               ("output", CONTRACT[module][1], list(model.graph.output))):
        by_name = {v.name: v for v in have}
        extra = sorted(set(by_name) - {name for name, _, _ in wanted})
        if extra:
            problems.append(f"{side}s not in the contract: {', '.join(extra)}")
        for name, dtype, dims in wanted:
            value = by_name.get(name)
            if value is None:
                problems.append(f"{side} `{name}` is missing")
                continue
            tensor = value.type.tensor_type
            if tensor.elem_type != elem[dtype]:
                problems.append(f"{side} `{name}` has element type {tensor.elem_type}, contract wants {dtype}")
            shape = list(tensor.shape.dim)
            if len(shape) != len(dims):
                problems.append(f"{side} `{name}` has rank {len(shape)}, contract wants {len(dims)}")
                continue
            for axis, (want, got) in enumerate(zip(dims, shape)):
                fixed = got.dim_value if got.HasField("dim_value") else None
                if isinstance(want, int) and fixed is not None and fixed != want:
                    problems.append(f"{side} `{name}` axis {axis} is {fixed}, contract wants {want}")
                if isinstance(want, str) and fixed is not None:
                    problems.append(f"{side} `{name}` axis {axis} is fixed at {fixed}, contract wants it free ({want})")
    if problems:
        raise ExportError(f"{os.path.basename(path)} does not match the sam2 contract:\n  - " + "\n  - ".join(problems))


def add_metadata(onnx, path, module, model_version):
    model = onnx.load(path)
    for key, value in (("vrs.kind", KIND), ("vrs.module", module), ("vrs.model_version", model_version),
                       ("vrs.stand_in", "false"), ("vrs.exported_by", "scripts/export_sam2.py")):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, path)


def package_version(name):
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version(name)
    except (ImportError, PackageNotFoundError):
        return "unknown"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_model(torch, args):
    from sam2.build_sam import build_sam2_video_predictor

    if args.device == "cuda" and not torch.cuda.is_available():
        raise ExportError("--device cuda: torch sees no CUDA device")
    try:
        # apply_postprocessing=True: the settings of the official video predictor (stability fallback,
        # binarized memories of prompted frames, fill_hole_area 8) that the host implements.
        model = build_sam2_video_predictor(args.config, args.checkpoint, device=args.device, mode="eval",
                                           apply_postprocessing=True)
    except Exception as error:  # hydra's and torch's own messages say what is wrong; add which input it was
        raise ExportError(f"could not build {args.config} from {args.checkpoint}: {type(error).__name__}: {error}\n"
                          "(the config must be one of the package's, e.g. configs/sam2.1/sam2.1_hiera_l.yaml, and "
                          "match the checkpoint)") from error
    return model


def export(args):
    mods = import_stack(need_check=args.check is not None)
    torch, onnx = mods["torch"], mods["onnx"]
    started = time.time()
    print(f"loading {args.config} with {args.checkpoint} on {args.device} ...", flush=True)
    model = load_model(torch, args)
    check_host_assumptions(model)
    constants = read_constants(model, args.model_version)

    out = os.path.abspath(args.out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    temporary = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.partial-", dir=parent)
    try:
        ImageEncoder, MaskDecoder, MemoryEncoder, MemoryAttention = define_wrappers()
        wrappers = {
            "image_encoder": ImageEncoder(model),
            "mask_decoder": MaskDecoder(model),
            "memory_encoder": MemoryEncoder(model),
            "memory_attention": MemoryAttention(model, query_chunks=args.attention_chunks),
        }
        for module, wrapper in wrappers.items():
            path = os.path.join(temporary, MODULE_FILES[module])
            print(f"exporting {module} -> {MODULE_FILES[module]} (opset {args.opset}) ...", flush=True)
            export_module(torch, wrapper.to(args.device), module, path, args.opset, args.device)
            verify_onnx_io(onnx, path, module)
            add_metadata(onnx, path, module, args.model_version)

        export_info = {
            "script": "scripts/export_sam2.py",
            "config": args.config,
            "checkpoint": os.path.basename(args.checkpoint),
            "checkpoint_sha256": sha256_of(args.checkpoint),
            "opset": args.opset,
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "sam2": package_version("SAM-2"),
            "attention_chunks": args.attention_chunks,
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        description = f"SAM {args.model_version} (official checkpoint {os.path.basename(args.checkpoint)}, " \
                      f"exported by scripts/export_sam2.py)"
        document = manifest_document(constants, description, export_info)
        with open(os.path.join(temporary, MANIFEST_FILE), "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")

        check_ok = True
        if args.check is not None:
            check_ok = run_check(mods, args, model, wrappers, temporary, constants)
        if not check_ok:
            raise CheckFailed("the exported modules differ from PyTorch beyond the tolerances (see above); "
                              "nothing was written to " + out)

        if os.path.exists(out):
            backup = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.old-", dir=parent)
            os.rmdir(backup)
            os.rename(out, backup)
            os.rename(temporary, out)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(temporary, out)
        temporary = None
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    print(f"wrote {out} ({args.model_version}, {time.time() - started:.0f} s); check it with "
          f"`scripts/vrs models check {args.out}`")


class CheckFailed(Exception):
    pass


# --------------------------------------------------------------------------------------------------------------
# --check: ONNX Runtime against PyTorch, module by module, then a short tracking run against SAM2VideoPredictor
# --------------------------------------------------------------------------------------------------------------

def host_resize(np, rgb, size):
    """vrs's RgbResizer.StretchBilinear: half-pixel centres, edge clamped, 8-bit fixed-point weights."""
    def taps(source, target):
        scale = source / target
        s = np.maximum(0.0, (np.arange(target) + 0.5) * scale - 0.5)
        lo = np.minimum(s.astype(np.int64), source - 1)
        hi = np.minimum(lo + 1, source - 1)
        weight = np.round((s - lo) * 256).astype(np.int64)  # Math.Round: banker's, as numpy's round
        return lo, hi, weight

    height, width = rgb.shape[:2]
    x0, x1, wx = taps(width, size)
    y0, y1, wy = taps(height, size)
    src = rgb.astype(np.int64)
    top = src[y0][:, x0] * (256 - wx)[None, :, None] + src[y0][:, x1] * wx[None, :, None]
    bottom = src[y1][:, x0] * (256 - wx)[None, :, None] + src[y1][:, x1] * wx[None, :, None]
    out = (top * (256 - wy)[:, None, None] + bottom * wy[:, None, None] + 32768) >> 16
    return out.astype(np.uint8)


def host_normalize(np, rgb, mean, std):
    """vrs's FrameNormalizer: ((v / 255) - mean) / std in float32, NCHW."""
    x = rgb.astype(np.float32) / np.float32(255)
    x = (x - np.asarray(mean, dtype=np.float32)) / np.asarray(std, dtype=np.float32)
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None]).astype(np.float32)


def run_check(mods, args, model, wrappers, bundle, constants):
    torch, ort, np = mods["torch"], mods["onnxruntime"], mods["numpy"]
    from PIL import Image

    image = np.asarray(Image.open(args.check).convert("RGB"))
    height, width = image.shape[:2]
    click = args.click or (width / 2.0, height / 2.0)
    if not (0 <= click[0] <= width and 0 <= click[1] <= height):
        raise ExportError(f"--click {click} is outside the {width}x{height} image")
    size = constants["image_size"]
    frame = host_normalize(np, host_resize(np, image, size), constants["image_mean"], constants["image_std"])
    click_1024 = np.array([[[click[0] / width * size, click[1] / height * size]]], dtype=np.float32)
    print(f"check: {args.check} ({width}x{height}), click ({click[0]:.1f}, {click[1]:.1f})", flush=True)

    providers = ["CPUExecutionProvider"]
    if args.device == "cuda" and "CUDAExecutionProvider" in ort.get_available_providers():
        providers.insert(0, "CUDAExecutionProvider")
    sessions = {m: ort.InferenceSession(os.path.join(bundle, f), providers=providers) for m, f in MODULE_FILES.items()}
    device = args.device
    ok = True

    def run_both(module, feeds):
        with torch.no_grad():
            ref = wrappers[module](*[torch.from_numpy(np.ascontiguousarray(v)).to(device) for v in feeds.values()])
        ref = [r.detach().float().cpu().numpy() for r in ref] if isinstance(ref, tuple) else [ref.detach().float().cpu().numpy()]
        got = sessions[module].run(None, feeds)
        names = [o.name for o in sessions[module].get_outputs()]
        wanted = [name for name, _, _ in CONTRACT[module][1]]
        got = [got[names.index(n)] for n in wanted]
        return dict(zip(wanted, ref)), dict(zip(wanted, got))

    def compare(label, ref, got):
        nonlocal ok
        for name in ref:
            r, g = ref[name], got[name]
            if r.shape != g.shape:
                ok = False
                print(f"  FAIL {label:<34} {name:<20} shape {list(g.shape)}, PyTorch gives {list(r.shape)}")
                continue
            diff = float(np.max(np.abs(r - g))) if r.size else 0.0
            limit = args.atol + args.rtol * (float(np.max(np.abs(r))) if r.size else 0.0)
            passed = diff <= limit and bool(np.all(np.isfinite(g)))
            ok &= bool(passed)
            print(f"  {'ok  ' if passed else 'FAIL'} {label:<34} {name:<20} max|diff| {diff:.3e}  limit {limit:.3e}")

    # 1. image encoder
    ref, got = run_both("image_encoder", {"image": frame})
    compare("image_encoder", ref, got)
    feats = ref  # PyTorch features feed both sides below, so each module is compared on its own

    # 2. mask decoder: the click on the initial frame, then a re-prompt with the previous logits and two points
    def decoder_feeds(embed, coords, labels, mask=None):
        return {
            "image_embed": embed, "high_res_feat0": feats["high_res_feat0"], "high_res_feat1": feats["high_res_feat1"],
            "point_coords": coords, "point_labels": labels,
            "mask_input": mask if mask is not None else np.zeros((1, 1, _M, _M), np.float32),
            "has_mask_input": np.array([1.0 if mask is not None else 0.0], np.float32),
        }

    ref, got = run_both("mask_decoder", decoder_feeds(feats["vision_feat_nomem"], click_1024, np.array([[1.0]], np.float32)))
    compare("mask_decoder (click)", ref, got)
    best = 1 + int(np.argmax(ref["iou_pred"][0, 1:]))
    first_mask = ref["masks"][:, best:best + 1]
    first_score = ref["object_score_logits"]
    first_ptr = ref["obj_ptr_raw"][:, best]
    negative = np.array([[[min(click_1024[0, 0, 0] + 64, size - 1), click_1024[0, 0, 1]]]], np.float32)
    ref, got = run_both("mask_decoder", decoder_feeds(
        feats["vision_feat_nomem"], np.concatenate([click_1024, negative], 1), np.array([[1.0, 0.0]], np.float32),
        np.clip(first_mask, -32, 32).astype(np.float32)))
    compare("mask_decoder (2 points + mask)", ref, got)

    # 3. memory encoder: B = 2, one binarized (prompted frame), one through the sigmoid (tracked frame)
    ref, got = run_both("memory_encoder", {
        "vision_feat": np.concatenate([feats["vision_feat"]] * 2), "mask_logits": np.concatenate([first_mask] * 2),
        "object_score_logits": np.concatenate([first_score, -np.abs(first_score) - 1]),
        "binarize": np.array([1.0, 0.0], np.float32)})
    compare("memory_encoder (B=2)", ref, got)
    memories = ref["maskmem_features"]

    # 4. memory attention: a conditioning memory and a recent one, two pointers; then no pointers (P = 0)
    no_obj_ptr = np.asarray(constants["no_obj_ptr"], np.float32)
    max_ptrs = constants["max_obj_ptrs_in_encoder"]
    feeds = {
        "vision_feat": feats["vision_feat"], "mem_feats": memories[None],
        "mem_tpos_idx": np.array([constants["num_maskmem"] - 1, 0], np.int64),
        "obj_ptrs": np.stack([first_ptr[0], no_obj_ptr])[None].astype(np.float32),
        "obj_ptr_tpos": np.array([0.0, 1.0 / (max_ptrs - 1)], np.float32),
    }
    ref, got = run_both("memory_attention", feeds)
    compare("memory_attention (Nm=2, P=2)", ref, got)
    feeds = dict(feeds, mem_feats=memories[None, :1], mem_tpos_idx=np.array([constants["num_maskmem"] - 1], np.int64),
                 obj_ptrs=np.zeros((1, 0, HIDDEN_DIM), np.float32), obj_ptr_tpos=np.zeros((0,), np.float32))
    ref, got = run_both("memory_attention", feeds)
    compare("memory_attention (Nm=1, P=0)", ref, got)

    # 5. tracking: the ONNX modules driven by the host's rules vs the official SAM2VideoPredictor
    ok &= check_tracking(mods, args, model, sessions, image, frame, click, constants)
    print("check: " + ("passed" if ok else "FAILED"), flush=True)
    return ok


def check_tracking(mods, args, model, sessions, image, frame, click, constants):
    """The host's algorithm for one object clicked on frame 0 of a still video (src/Vrs.Segmentation:
    Sam2VideoPredictor.TrackStep, MemoryBank.Schedule, MaskCandidateSelector), run on the ONNX modules, against
    the official predictor on the same normalized frames. Hole filling is off on both sides: the official one
    needs sam2's compiled CUDA extension and silently skips itself without it."""
    torch, np = mods["torch"], mods["numpy"]
    import torch.nn.functional as F
    from PIL import Image

    frames = args.check_frames
    height, width = image.shape[:2]
    size = constants["image_size"]
    num_maskmem, max_ptrs = constants["num_maskmem"], constants["max_obj_ptrs_in_encoder"]
    no_obj_ptr = np.asarray(constants["no_obj_ptr"], np.float32)

    def choose(masks, iou, points):
        best = 1 + int(np.argmax(iou[1:]))
        if constants["multimask_min_pt_num"] <= points <= constants["multimask_max_pt_num"]:
            return best, best
        single = masks[0]
        delta = constants["dynamic_multimask_stability_delta"]
        union = int(np.sum(single > -delta))
        stability = 1.0 if union == 0 else int(np.sum(single > delta)) / union
        return (0 if stability >= constants["dynamic_multimask_stability_thresh"] else best), 0

    def step(features, embed, coords, labels, binarize):
        out = sessions["mask_decoder"].run(None, {
            "image_embed": embed, "high_res_feat0": features[2], "high_res_feat1": features[3],
            "point_coords": coords, "point_labels": labels, "mask_input": np.zeros((1, 1, _M, _M), np.float32),
            "has_mask_input": np.zeros((1,), np.float32)})
        named = dict(zip([o.name for o in sessions["mask_decoder"].get_outputs()], out))
        points = int(np.sum(labels >= 0))
        mask_token, ptr_token = choose(named["masks"][0], named["iou_pred"][0], points)
        score = named["object_score_logits"]
        present = float(score[0, 0]) > 0
        logits = named["masks"][:, mask_token:mask_token + 1] if present else np.full((1, 1, _M, _M), constants["no_obj_score"], np.float32)
        pointer = named["obj_ptr_raw"][0, ptr_token] if present else no_obj_ptr
        memory = sessions["memory_encoder"].run(None, {
            "vision_feat": features[0], "mask_logits": logits.astype(np.float32), "object_score_logits": score,
            "binarize": np.array([1.0 if binarize else 0.0], np.float32)})[0]
        return logits, pointer.astype(np.float32), memory.astype(np.float16)  # the host stores memories as fp16

    encoder_names = [o.name for o in sessions["image_encoder"].get_outputs()]

    def encode():
        out = dict(zip(encoder_names, sessions["image_encoder"].run(None, {"image": frame})))
        return [out["vision_feat"], out["vision_feat_nomem"], out["high_res_feat0"], out["high_res_feat1"]]

    coords = np.array([[[click[0] / width * size, click[1] / height * size]]], np.float32)
    features = encode()
    cond = {0: step(features, features[1], coords, np.array([[1.0]], np.float32), binarize=True)}
    noncond = {}
    for t in range(1, frames):
        features = encode()
        spatial = [(cond[c][2], num_maskmem - 1) for c in cond]
        for t_pos in range(1, num_maskmem):
            t_rel = num_maskmem - t_pos
            if t - t_rel in noncond:
                spatial.append((noncond[t - t_rel][2], t_rel - 1))
        limit = min(frames, max_ptrs)
        pointers = [(cond[c][1], t - c) for c in cond if c <= t]
        for k in range(1, limit):
            if t - k < 0:
                break
            if t - k in noncond:
                pointers.append((noncond[t - k][1], k))
        normalizer = max(1, limit - 1)
        pix = sessions["memory_attention"].run(None, {
            "vision_feat": features[0],
            "mem_feats": np.stack([m.astype(np.float32) for m, _ in spatial], 0)[None].reshape(1, len(spatial), MEM_DIM, _F, _F),
            "mem_tpos_idx": np.array([i for _, i in spatial], np.int64),
            "obj_ptrs": np.stack([p for p, _ in pointers])[None].astype(np.float32),
            "obj_ptr_tpos": np.array([d / normalizer for _, d in pointers], np.float32)})[0]
        noncond[t] = step(features, pix, np.zeros((1, 1, 2), np.float32), np.array([[-1.0]], np.float32), binarize=False)
    onnx_logits = {0: cond[0][0], **{t: v[0] for t, v in noncond.items()}}

    # the official predictor on the same frames (a JPEG folder for init_state, then its images replaced by ours)
    saved_fill = model.fill_hole_area
    model.fill_hole_area = 0
    try:
        with tempfile.TemporaryDirectory() as folder:
            for t in range(frames):
                Image.fromarray(image).save(os.path.join(folder, f"{t:05d}.jpg"), quality=95)
            state = model.init_state(video_path=folder)
            images = torch.from_numpy(frame[0]).to(state["images"].device if hasattr(state["images"], "device") else "cpu")
            state["images"] = images.unsqueeze(0).expand(frames, -1, -1, -1).contiguous()
            state["cached_features"] = {}
            state["video_height"], state["video_width"] = height, width
            model.add_new_points_or_box(state, frame_idx=0, obj_id=1, points=[[click[0], click[1]]], labels=[1])
            official = {}
            for t, _, video_masks in model.propagate_in_video(state):
                official[t] = video_masks[0:1].float().cpu()
            low_res = {t: out["pred_masks"].float().cpu().numpy()
                       for key in ("cond_frame_outputs", "non_cond_frame_outputs")
                       for t, out in state["output_dict_per_obj"][0][key].items()}
    finally:
        model.fill_hole_area = saved_fill

    ok = True
    for t in range(frames):
        mine = F.interpolate(torch.from_numpy(onnx_logits[t]), size=(height, width), mode="bilinear", align_corners=False)
        a, b = mine[0, 0] > constants["mask_threshold"], official[t][0, 0] > constants["mask_threshold"]
        union = int((a | b).sum())
        iou = 1.0 if union == 0 else int((a & b).sum()) / union
        diff = float(np.max(np.abs(low_res[t] - onnx_logits[t]))) if t in low_res else float("nan")
        passed = iou >= args.min_iou
        ok &= passed
        print(f"  {'ok  ' if passed else 'FAIL'} tracking frame {t}: IoU {iou:.4f} (min {args.min_iou}), "
              f"foreground {int(a.sum())} vs {int(b.sum())} px, low-res max|diff| {diff:.3e}")
    return ok


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        if args.print_manifest_template:
            json.dump(template_document(), sys.stdout, indent=2)
            sys.stdout.write("\n")
            return 0
        export(args)
        return 0
    except ExportError as error:
        print(f"export_sam2: {error}", file=sys.stderr)
        return 2
    except CheckFailed as error:
        print(f"export_sam2: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
