#!/usr/bin/env python3
"""Export a Hugging Face Qwen2-VL / Qwen2.5-VL checkpoint into vrs's `lvlm` bundle (contract v1).

    python scripts/export_qwen_vl.py --model Qwen/Qwen2.5-VL-7B-Instruct --out models/lvlm
    python scripts/export_qwen_vl.py --model /path/to/Qwen2-VL-2B-Instruct --out models/qwen2-vl-2b --check dog.jpg
    python scripts/export_qwen_vl.py --print-manifest-template      # needs neither torch nor weights

The bundle (see src/Vrs.Onnx/Contracts/LvlmContract.cs, the single definition the C# host checks against):

    vision_encoder.onnx  pixel_values [Np,1176] f32, grid_thw [G,3] i64            -> image_embeds [Nt,D] f32
    embed_tokens.onnx    input_ids [1,S] i64                                         -> inputs_embeds [1,S,D] f32
    decoder.onnx         inputs_embeds, attention_mask [1,T], position_ids [3,1,S],
                         past_keys / past_values [L,1,KV,P,Dh] (P may be 0)          -> logits [1,S,V],
                                                                                        present_keys / present_values [L,1,KV,T,Dh]
    probe.onnx           the prefill (no past) + visual_span [2] = (start, length)    -> logits, present_*,
                                                                                        rollout_row [1,S], query_attention [R,H,S]
    tokenizer.json       copied from the checkpoint
    vrs-model.json       {"kind": "lvlm", "contract_version": 1, "standin": false, "modules": {...}, "constants": {...}}
    soft_prompt.f32      optional (--soft-prompt): raw little-endian float32, rows x hidden_size

How the modules are built (no HF forward is traced as-is, because HF's forwards take Python loops over grid_thw and
.tolist() of cu_seqlens, which a trace would freeze into constants; every weight and sub-module is HF's own):

* vision_encoder: HF's patch_embed, norms, qkv/proj, MLPs and merger, driven by a loop written here in tensor ops only.
  The per-patch (h, w) rotary positions, the temporal-slice segments (full attention) and, for Qwen2.5-VL, the 112-px
  window segments are computed from grid_thw inside the graph, and attention is one dense masked attention
  (same-segment pairs only). That equals HF's "permute into windows, attend per window, merge, un-permute": attention
  within a segment does not depend on token order, and the merger folds the same 4 consecutive rows. Memory is
  O(heads * Np^2), so the host should feed one temporal slice (grid_thw [[1,h,w]]) per call for long videos; the
  result is identical, since no attention crosses a temporal slice in either model.
* embed_tokens: the LM's embedding table.
* decoder / probe: HF's decoder layers' norms, q/k/v/o projections, MLPs, final norm and lm_head, driven by a layer
  loop written here: 3-D M-RoPE from the host's position_ids (mrope_section from the config), the packed KV cache
  concatenated per layer, eager attention (QK^T, causal + padding mask, softmax) always in float32, GQA by repeating
  K/V. The probe's attention additionally accumulates DecAF's V-Max rollout (design note lvlm-grounding.md 2.2):
  for layers rollout_start_layer..L-1, P_h = softmax(q_h k_h^T / sqrt(Dh) + mask) in float32, m_h[q] = max over the
  visual key span, w_h = mean over all rows, w_h /= max_h w_h, A = sum_h w_h P_h / H, A^ = 0.5 A + 0.5 I, R = A^ at
  the first rollout layer then R <- A^ R; rollout_row = R[S-1, :], query_attention = P[l, h, S-1, :].

--check IMAGE compares the exported modules, run by onnxruntime, with the HF model (eager attention,
output_attentions) on a real prompt; see check() below. Exit codes: 0 ok, 1 a check is over tolerance, 2 usage or
environment error.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

CONTRACT_VERSION = 1
KIND = "lvlm"
PATCH_DIMENSION = 1176

# The bundle's modules in contract order: (name, file, inputs, outputs); each tensor is (name, dtype, shape) with
# free dims named as in LvlmContract.cs. The export derives its input/output names and dynamic axes from this table,
# and --print-manifest-template prints it, so the C# test (ExportScriptContractTests) pins the script to the contract.
MODULES = [
    ("vision_encoder", "vision_encoder.onnx",
     [("pixel_values", "float32", ["Np", PATCH_DIMENSION]),
      ("grid_thw", "int64", ["G", 3])],
     [("image_embeds", "float32", ["Nt", "D"])]),
    ("embed_tokens", "embed_tokens.onnx",
     [("input_ids", "int64", [1, "S"])],
     [("inputs_embeds", "float32", [1, "S", "D"])]),
    ("decoder", "decoder.onnx",
     [("inputs_embeds", "float32", [1, "S", "D"]),
      ("attention_mask", "int64", [1, "T"]),
      ("position_ids", "int64", [3, 1, "S"]),
      ("past_keys", "float32", ["L", 1, "KV", "P", "Dh"]),
      ("past_values", "float32", ["L", 1, "KV", "P", "Dh"])],
     [("logits", "float32", [1, "S", "V"]),
      ("present_keys", "float32", ["L", 1, "KV", "T", "Dh"]),
      ("present_values", "float32", ["L", 1, "KV", "T", "Dh"])]),
    ("probe", "probe.onnx",
     [("inputs_embeds", "float32", [1, "S", "D"]),
      ("attention_mask", "int64", [1, "S"]),
      ("position_ids", "int64", [3, 1, "S"]),
      ("visual_span", "int64", [2])],
     [("logits", "float32", [1, 1, "V"]),
      ("present_keys", "float32", ["L", 1, "KV", "S", "Dh"]),
      ("present_values", "float32", ["L", 1, "KV", "S", "Dh"]),
      ("rollout_row", "float32", [1, "S"]),
      ("query_attention", "float32", ["R", "H", "S"])]),
]

# Dims that are model sizes (fixed by the manifest constants), not dynamic axes of the exported graphs.
MODEL_DIMS = {"D", "L", "KV", "Dh", "V", "H", "R"}

REQUIRED_CONSTANTS = [
    "architecture",
    "model_name",
    "tokenizer",
    "hidden_size",
    "num_layers",
    "num_heads",
    "num_kv_heads",
    "head_dim",
    "vocab_size",
    "rollout_start_layer",
    "max_context",
    "patch_size",
    "temporal_patch_size",
    "merge_size",
    "image_mean",
    "image_std",
    "tokens_per_second",
]

# Written when known; the host does not require them.
OPTIONAL_CONSTANTS = [
    "soft_prompt",
    "image_token_id",
    "video_token_id",
    "vision_start_token_id",
    "vision_end_token_id",
    "eos_token_ids",
    "rope_theta",
    "mrope_section",
    "window_size",
    "dtype",
]

ARCHITECTURES = {
    # config.json model_type -> (manifest architecture, transformers class)
    "qwen2_vl": ("qwen2-vl", "Qwen2VLForConditionalGeneration"),
    "qwen2_5_vl": ("qwen2.5-vl", "Qwen2_5_VLForConditionalGeneration"),
}

MIN_TRANSFORMERS = {"qwen2_vl": (4, 45, 0), "qwen2_5_vl": (4, 49, 0)}

SOFT_PROMPT_INSERTS = ("start", "before_question", "after_question")  # as LvlmSettings reads them

# Modules whose weights exceed this are saved with one external data file (NAME.onnx.data): protobuf's limit is 2 GB.
EXTERNAL_DATA_BYTES = 1_800_000_000


class ExportError(Exception):
    """A usage or environment problem; the message says what to do. Exit code 2."""


# ----------------------------------------------------------------------------------------------------------------
# Template (no torch)


def manifest_template():
    return {
        "kind": KIND,
        "contract_version": CONTRACT_VERSION,
        "modules": [
            {
                "name": name,
                "file": file,
                "inputs": [{"name": n, "dtype": t, "shape": s} for n, t, s in inputs],
                "outputs": [{"name": n, "dtype": t, "shape": s} for n, t, s in outputs],
            }
            for name, file, inputs, outputs in MODULES
        ],
        "constants": list(REQUIRED_CONSTANTS),
        "optional_constants": list(OPTIONAL_CONSTANTS),
        "manifest": example_manifest(),
    }


def build_manifest(constants, extras=None, export=None):
    """The bundle's vrs-model.json from the required constants (REQUIRED_CONSTANTS, in that order) and optional ones
    (OPTIONAL_CONSTANTS). Standard library only: --print-manifest-template shows its output for an example model."""
    missing = [c for c in REQUIRED_CONSTANTS if c not in constants]
    unknown = [c for c in list(constants) + list(extras or {}) if c not in REQUIRED_CONSTANTS + OPTIONAL_CONSTANTS]
    if missing or unknown:
        raise ExportError(f"manifest constants: missing {missing}, unknown {unknown}")
    ints = ["hidden_size", "num_layers", "num_heads", "num_kv_heads", "head_dim", "vocab_size", "rollout_start_layer",
            "max_context", "patch_size", "temporal_patch_size", "merge_size", "tokens_per_second"]
    ordered = {}
    for name in REQUIRED_CONSTANTS:
        value = constants[name]
        if name in ints:
            if float(value) != int(value):
                raise ExportError(f"manifest constant `{name}` must be a whole number, not {value!r}.")
            value = int(value)
        elif name in ("image_mean", "image_std"):
            value = [float(x) for x in value]
            if len(value) != 3:
                raise ExportError(f"manifest constant `{name}` must hold 3 numbers (R, G, B), not {len(value)}.")
        ordered[name] = value
    ordered.update(extras or {})
    manifest = {
        "kind": KIND,
        "contract_version": CONTRACT_VERSION,
        "standin": False,
        "description": f"{ordered['model_name']} ({ordered['architecture']}) exported by scripts/export_qwen_vl.py",
        "modules": {name: file for name, file, _, _ in MODULES},
        "constants": ordered,
    }
    if export:
        manifest["export"] = export
    return manifest


def example_manifest():
    """What the export writes for Qwen2.5-VL-7B-Instruct (sizes from its config.json) with an 8-row soft prompt."""
    return build_manifest(
        {
            "architecture": "qwen2.5-vl", "model_name": "Qwen2.5-VL-7B-Instruct", "tokenizer": "tokenizer.json",
            "hidden_size": 3584, "num_layers": 28, "num_heads": 28, "num_kv_heads": 4, "head_dim": 128,
            "vocab_size": 152064, "rollout_start_layer": 14, "max_context": 128000, "patch_size": 14,
            "temporal_patch_size": 2, "merge_size": 2, "image_mean": [0.48145466, 0.4578275, 0.40821073],
            "image_std": [0.26862954, 0.26130258, 0.27577711], "tokens_per_second": 2,
        },
        {
            "soft_prompt": {"file": "soft_prompt.f32", "rows": 8, "insert": "before_question"},
            "image_token_id": 151655, "video_token_id": 151656, "vision_start_token_id": 151652,
            "vision_end_token_id": 151653, "eos_token_ids": [151645, 151643], "rope_theta": 1000000.0,
            "mrope_section": [16, 24, 24], "window_size": 112, "dtype": "float32",
        })


def dynamic_axes(tensors):
    axes = {}
    for name, _, shape in tensors:
        dims = {i: d for i, d in enumerate(shape) if isinstance(d, str) and d not in MODEL_DIMS}
        if dims:
            axes[name] = dims
    return axes


# ----------------------------------------------------------------------------------------------------------------
# Checkpoint facts read without torch


def require(module, pip_name=None, why="this step"):
    try:
        return __import__(module)
    except ImportError as exc:
        raise ExportError(
            f"python package `{module}` is missing ({exc}); {why} needs it: pip install {pip_name or module}") from exc


def resolve_checkpoint(model):
    if os.path.isdir(model):
        return os.path.abspath(model)
    if os.path.exists(model):
        raise ExportError(f"--model {model}: not a folder (give a Hugging Face checkpoint folder or a hub id).")
    if model.count("/") != 1 or model.startswith(("/", ".")):
        raise ExportError(f"--model {model}: no such folder, and not a hub id of the form owner/name.")
    try:
        from huggingface_hub import snapshot_download
    except ImportError as exc:
        raise ExportError(f"--model {model} is not a local folder; downloading it needs: pip install huggingface_hub") from exc
    try:
        return snapshot_download(model)
    except Exception as exc:  # noqa: BLE001 - any hub failure is reported the same way
        raise ExportError(f"--model {model}: cannot download it from the hub ({type(exc).__name__}: {exc}).") from exc


def read_json(path, what):
    if not os.path.isfile(path):
        raise ExportError(f"{path} is missing: {what}")
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as exc:
            raise ExportError(f"{path}: not valid JSON ({exc}).") from exc


def checkpoint_facts(ckpt):
    config = read_json(os.path.join(ckpt, "config.json"), "not a Hugging Face checkpoint folder (no config.json).")
    model_type = config.get("model_type")
    if model_type not in ARCHITECTURES:
        raise ExportError(
            f"{ckpt}/config.json: model_type `{model_type}` (architectures {config.get('architectures')}) is not "
            f"supported; this script exports {', '.join(sorted(ARCHITECTURES))} (Qwen2-VL, Qwen2.5-VL).")
    for name in ("tokenizer.json", "preprocessor_config.json"):
        if not os.path.isfile(os.path.join(ckpt, name)):
            raise ExportError(f"{ckpt}: {name} is missing (the bundle needs it; is this a complete checkpoint?).")
    if not any(f.endswith((".safetensors", ".bin")) for f in os.listdir(ckpt)):
        raise ExportError(f"{ckpt}: no weight files (*.safetensors / *.bin) found.")
    pre = read_json(os.path.join(ckpt, "preprocessor_config.json"), "")
    return config, model_type, pre


# ----------------------------------------------------------------------------------------------------------------
# Model-side helpers (torch)


def text_config_of(config):
    getter = getattr(config, "get_text_config", None)
    text = getter() if callable(getter) else None
    return text if text is not None else getattr(config, "text_config", config)


def mrope_section_of(config):
    for cfg in (text_config_of(config), config):
        for attr in ("rope_scaling", "rope_parameters"):
            value = getattr(cfg, attr, None)
            if isinstance(value, dict) and value.get("mrope_section"):
                return [int(x) for x in value["mrope_section"]]
    raise ExportError("the config has no mrope_section (rope_scaling / rope_parameters); is this a Qwen2-VL checkpoint?")


def rope_theta_of(config):
    for cfg in (text_config_of(config), config):
        theta = getattr(cfg, "rope_theta", None)
        if theta is None:
            params = getattr(cfg, "rope_parameters", None)
            theta = params.get("rope_theta") if isinstance(params, dict) else None
        if theta is not None:
            return float(theta)
    return 1000000.0


def parts_of(model):
    """(visual, text model, lm_head) across transformers layouts: <4.52 has model.visual and model.model (the text
    decoder); later ones have model.model.visual and model.model.language_model."""
    inner = getattr(model, "model", None)
    visual = getattr(inner, "visual", None) if inner is not None else None
    if visual is None:
        visual = getattr(model, "visual", None)
    text = getattr(inner, "language_model", None) if inner is not None else None
    if text is None or not hasattr(text, "layers"):
        text = inner
    lm_head = getattr(model, "lm_head", None)
    if visual is None or text is None or not hasattr(text, "layers") or lm_head is None:
        raise ExportError(
            f"cannot find the vision tower, decoder layers and lm_head in {type(model).__name__}; this transformers "
            "version lays the model out differently from the ones this script knows (4.45 to 4.5x).")
    return visual, text, lm_head


def vmax_layer_matrix(probs, in_span, eye):
    """One layer's A^ of DecAF's V-Max rollout (design note 2.2). probs [H, S, S] float32 (causal softmax rows),
    in_span [S] 1.0 on the visual key columns, eye [S, S]."""
    heads = probs.shape[0]
    peak = (probs * in_span).max(dim=-1).values  # [H, S]: max over the visual key span (probs >= 0)
    weight = peak.mean(dim=-1)  # [H]: mean over all S query rows
    weight = weight / weight.max().clamp_min(1e-30)
    mixed = (probs * weight.view(-1, 1, 1)).sum(0) / heads  # [S, S]
    return 0.5 * mixed + 0.5 * eye


def rollout_last_row(torch, a_hats, eye):
    """R = A^_{L-1} ... A^_start (later layers on the left, DecAF's R <- A^ R); only its last row is read, so it is
    e_last A^_{L-1} ... A^_start, one vector-matrix product per layer (O(S^2) each instead of O(S^3))."""
    row = eye[-1:, :]
    for a_hat in reversed(a_hats):
        row = torch.matmul(row, a_hat)
    return row


def build_wrappers(torch, model, config, model_type, rollout_start):
    nn = torch.nn
    visual, text, lm_head = parts_of(model)
    tcfg = text_config_of(config)
    vcfg = config.vision_config

    hidden = int(tcfg.hidden_size)
    n_layers = int(tcfg.num_hidden_layers)
    n_heads = int(tcfg.num_attention_heads)
    n_kv = int(tcfg.num_key_value_heads)
    head_dim = int(getattr(tcfg, "head_dim", None) or hidden // n_heads)
    groups = n_heads // n_kv
    scale = head_dim ** -0.5
    section = mrope_section_of(config)
    if sum(section) * 2 != head_dim:
        raise ExportError(f"mrope_section {section} does not cover head_dim {head_dim}.")
    rotary = getattr(text, "rotary_emb", None)
    inv_freq = getattr(rotary, "inv_freq", None)
    if inv_freq is None:
        theta = rope_theta_of(config)
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    device = next(text.parameters()).device
    inv_freq = inv_freq.detach().float().clone().to(device)
    rope_scaling = float(getattr(rotary, "attention_scaling", 1.0) or 1.0)
    if getattr(tcfg, "use_sliding_window", False):
        print("warning: config.use_sliding_window is set; HF's eager path ignores it and so does this export.",
              file=sys.stderr)

    merge = int(vcfg.spatial_merge_size)
    patch = int(vcfg.patch_size)
    unit = merge * merge
    if model_type == "qwen2_5_vl":
        window_cells = int(vcfg.window_size) // merge // patch
        full_blocks = set(int(i) for i in (getattr(visual, "fullatt_block_indexes", None) or vcfg.fullatt_block_indexes))
    else:
        window_cells = 0
        full_blocks = None  # every block attends within its temporal slice
    v_inv_freq = visual.rotary_pos_emb.inv_freq.detach().float().clone().to(device)

    def fdiv(a, b):
        return torch.div(a, b, rounding_mode="floor")

    def rotate_half(x):
        half = x.shape[-1] // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)

    def repeat_kv(x):
        """GQA: [1, KV, T, Dh] -> [1, H, T, Dh], query head j reading kv head j // groups (HF's repeat_kv)."""
        if groups == 1:
            return x
        return x.unsqueeze(2).expand(-1, -1, groups, -1, -1).reshape(1, n_heads, -1, head_dim)

    def index_like(x):
        """0..n-1 along x's first axis as int64, built from x's shape inside the graph (no traced Python int)."""
        return torch.ones_like(x, dtype=torch.long).cumsum(0) - 1

    class VisionEncoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = visual
            self.register_buffer("inv_freq", v_inv_freq, persistent=False)

        def forward(self, pixel_values, grid_thw):
            vis = self.visual
            dtype = vis.patch_embed.proj.weight.dtype
            x = vis.patch_embed(pixel_values.to(dtype))  # [Np, C]
            n = index_like(pixel_values[:, 0])  # [Np]
            t, h, w = grid_thw[:, 0], grid_thw[:, 1], grid_thw[:, 2]
            ends = (t * h * w).cumsum(0)
            starts = ends - t * h * w
            g = (n.unsqueeze(1) >= ends.unsqueeze(0)).long().sum(1)  # which grid each patch row belongs to
            local = n - starts[g]
            hg, wg = h[g], w[g]
            frame = hg * wg
            ti = fdiv(local, frame)  # temporal slice within the grid
            r = local - ti * frame
            cells_w = fdiv(wg, merge)
            block = fdiv(r, unit)
            inner = r - block * unit
            bh, bw = fdiv(block, cells_w), block - fdiv(block, cells_w) * cells_w
            mh, mw = fdiv(inner, merge), inner - fdiv(inner, merge) * merge
            hpos, wpos = bh * merge + mh, bw * merge + mw
            freqs = torch.cat((hpos.float().unsqueeze(1) * self.inv_freq, wpos.float().unsqueeze(1) * self.inv_freq), 1)
            emb = torch.cat((freqs, freqs), dim=-1)
            cos, sin = emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)  # [Np, 1, hd]

            slice_id = starts[g] + ti * frame  # the first row of the temporal slice: unique per (grid, t)
            same_slice = slice_id.unsqueeze(1) == slice_id.unsqueeze(0)
            full_bias = torch.zeros_like(same_slice, dtype=torch.float32).masked_fill(~same_slice, float("-inf"))
            if window_cells:
                wy, wx = fdiv(bh, window_cells), fdiv(bw, window_cells)
                same_window = same_slice & (wy.unsqueeze(1) == wy.unsqueeze(0)) & (wx.unsqueeze(1) == wx.unsqueeze(0))
                window_bias = torch.zeros_like(same_window, dtype=torch.float32).masked_fill(~same_window, float("-inf"))
            else:
                window_bias = full_bias

            for index, blk in enumerate(vis.blocks):
                bias = full_bias if full_blocks is None or index in full_blocks else window_bias
                x = x + self.attend(blk.attn, blk.norm1(x), cos, sin, bias)
                x = x + blk.mlp(blk.norm2(x))
            return vis.merger(x).float()

        @staticmethod
        def attend(attn, x, cos, sin, bias):
            heads = int(attn.num_heads)
            dim = int(attn.qkv.in_features)
            hd = dim // heads
            qkv = attn.qkv(x)
            q, k, v = qkv.reshape(-1, 3, heads, hd).permute(1, 0, 2, 3).unbind(0)  # [Np, heads, hd]
            q, k = q.float(), k.float()
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)  # [heads, Np, hd]
            scores = torch.matmul(q, k.transpose(1, 2)) * (hd ** -0.5) + bias
            probs = torch.softmax(scores, dim=-1).to(v.dtype)
            out = torch.matmul(probs, v).transpose(0, 1).reshape(-1, dim)
            return attn.proj(out)

    class EmbedTokens(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = text.embed_tokens

        def forward(self, input_ids):
            return self.embed(input_ids).float()

    class LanguageModel(nn.Module):
        """Decoder (probe=False) or prefill probe (probe=True) over HF's layers."""

        def __init__(self, probe):
            super().__init__()
            self.probe = probe
            self.layers = text.layers
            self.norm = text.norm
            self.lm_head = lm_head
            self.register_buffer("inv_freq", inv_freq, persistent=False)

        def mrope(self, position_ids, dtype):
            # position_ids [3, 1, S] -> cos/sin [1, 1, S, Dh]: channel block i of mrope_section*2 takes axis i % 3.
            freqs = position_ids.float().unsqueeze(-1) * self.inv_freq  # [3, 1, S, Dh/2]
            emb = torch.cat((freqs, freqs), dim=-1)
            cos, sin = emb.cos() * rope_scaling, emb.sin() * rope_scaling
            split = section * 2
            cos = torch.cat([c[i % 3] for i, c in enumerate(cos.split(split, dim=-1))], dim=-1).unsqueeze(1)
            sin = torch.cat([s[i % 3] for i, s in enumerate(sin.split(split, dim=-1))], dim=-1).unsqueeze(1)
            return cos.to(dtype), sin.to(dtype)

        def forward(self, inputs_embeds, attention_mask, position_ids, past_keys=None, past_values=None, visual_span=None):
            dtype = self.norm.weight.dtype
            h = inputs_embeds.to(dtype)
            cos, sin = self.mrope(position_ids, dtype)
            q_index = index_like(inputs_embeds[0, :, 0])  # [S]
            k_index = index_like(attention_mask[0])  # [T]
            offset = torch.ones_like(k_index).sum() - torch.ones_like(q_index).sum()  # P = T - S, as a tensor op
            allowed = (k_index.unsqueeze(0) <= (q_index + offset).unsqueeze(1)) & (attention_mask[0] > 0).unsqueeze(0)
            bias = torch.zeros_like(allowed, dtype=torch.float32).masked_fill(~allowed, torch.finfo(torch.float32).min)
            if self.probe:
                eye = (q_index.unsqueeze(1) == k_index.unsqueeze(0)).float()  # [S, S] (T = S in the probe)
                start, length = visual_span[0], visual_span[1]
                in_span = ((k_index >= start) & (k_index < start + length)).float()  # [S] over key positions
                a_hats = []
                query_rows = []

            keys, values = [], []
            for index, layer in enumerate(self.layers):
                attn = layer.self_attn
                residual = h
                x = layer.input_layernorm(h)
                q = attn.q_proj(x).view(1, -1, n_heads, head_dim).transpose(1, 2)  # [1, H, S, Dh]
                k = attn.k_proj(x).view(1, -1, n_kv, head_dim).transpose(1, 2)  # [1, KV, S, Dh]
                v = attn.v_proj(x).view(1, -1, n_kv, head_dim).transpose(1, 2)
                q = q * cos + rotate_half(q) * sin
                k = k * cos + rotate_half(k) * sin
                if past_keys is not None:
                    k = torch.cat((past_keys[index].to(dtype), k), dim=2)  # [1, KV, T, Dh]
                    v = torch.cat((past_values[index].to(dtype), v), dim=2)
                keys.append(k)
                values.append(v)
                k_rep, v_rep = repeat_kv(k), repeat_kv(v)
                scores = torch.matmul(q.float(), k_rep.float().transpose(2, 3)) * scale + bias
                probs = torch.softmax(scores, dim=-1)  # [1, H, S, T] float32
                out = torch.matmul(probs.to(dtype), v_rep).transpose(1, 2).reshape(1, -1, n_heads * head_dim)
                h = residual + attn.o_proj(out)
                h = h + layer.mlp(layer.post_attention_layernorm(h))

                if self.probe and index >= rollout_start:
                    a_hats.append(vmax_layer_matrix(probs[0], in_span, eye))
                    query_rows.append(probs[0, :, -1, :])  # [H, S]

            # The probe returns only the last position's logits: the next token is all generation needs, and S x V
            # float32 would be ~1.8 GB at S = 3,000.
            logits = self.lm_head(self.norm(h[:, -1:, :] if self.probe else h)).float()
            present_keys = torch.stack(keys, dim=0).float()  # [L, 1, KV, T, Dh]
            present_values = torch.stack(values, dim=0).float()
            if not self.probe:
                return logits, present_keys, present_values
            return logits, present_keys, present_values, rollout_last_row(torch, a_hats, eye), torch.stack(query_rows, dim=0)

    class Decoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.lm = LanguageModel(probe=False)

        def forward(self, inputs_embeds, attention_mask, position_ids, past_keys, past_values):
            return self.lm(inputs_embeds, attention_mask, position_ids, past_keys, past_values)

    class Probe(nn.Module):
        def __init__(self):
            super().__init__()
            self.lm = LanguageModel(probe=True)

        def forward(self, inputs_embeds, attention_mask, position_ids, visual_span):
            return self.lm(inputs_embeds, attention_mask, position_ids, visual_span=visual_span)

    sizes = {
        "hidden_size": hidden, "num_layers": n_layers, "num_heads": n_heads, "num_kv_heads": n_kv,
        "head_dim": head_dim, "mrope_section": section, "window_cells": window_cells,
    }
    wrappers = {
        "vision_encoder": VisionEncoder().eval(),
        "embed_tokens": EmbedTokens().eval(),
        "decoder": Decoder().eval(),
        "probe": Probe().eval(),
    }
    return wrappers, sizes


def example_inputs(torch, name, sizes, device, vision_grid=(1, 16, 20)):
    """Small inputs of the right ranks, with every dynamic axis different from the others and from 1, so the trace
    cannot confuse two axes."""
    d, layers, kv, dh = sizes["hidden_size"], sizes["num_layers"], sizes["num_kv_heads"], sizes["head_dim"]
    s, p = 7, 5
    if name == "vision_encoder":
        t, gh, gw = vision_grid
        return (torch.randn(t * gh * gw, PATCH_DIMENSION, device=device),
                torch.tensor([list(vision_grid)], dtype=torch.long, device=device))
    if name == "embed_tokens":
        return (torch.arange(11, 11 + s, dtype=torch.long, device=device).unsqueeze(0),)
    pos = torch.arange(s, dtype=torch.long, device=device).view(1, 1, s).expand(3, 1, s).contiguous()
    if name == "decoder":
        return (torch.randn(1, s, d, device=device) * 0.02,
                torch.ones(1, p + s, dtype=torch.long, device=device),
                pos + p,
                torch.randn(layers, 1, kv, p, dh, device=device),
                torch.randn(layers, 1, kv, p, dh, device=device))
    if name == "probe":
        return (torch.randn(1, s, d, device=device) * 0.02,
                torch.ones(1, s, dtype=torch.long, device=device),
                pos,
                torch.tensor([2, 3], dtype=torch.long, device=device))
    raise KeyError(name)


# ----------------------------------------------------------------------------------------------------------------
# Export


def export_module(torch, onnx, wrapper, args, name, file, inputs, outputs, folder, opset):
    scratch = os.path.join(folder, "_raw_" + name)
    os.makedirs(scratch)
    raw = os.path.join(scratch, file)
    kwargs = dict(
        input_names=[n for n, _, _ in inputs],
        output_names=[n for n, _, _ in outputs],
        dynamic_axes={**dynamic_axes(inputs), **dynamic_axes(outputs)},
        opset_version=opset,
        do_constant_folding=True,
    )
    import inspect
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # the TorchScript exporter: the wrappers are written for tracing
    with torch.no_grad():
        torch.onnx.export(wrapper, args, raw, **kwargs)

    # Re-save: one file if it fits in protobuf's 2 GB, else one external data file beside it (torch writes one file
    # per tensor for large models).
    proto = onnx.load(raw, load_external_data=True)
    stamp_shapes(proto, inputs, outputs)
    weight_bytes = sum(len(t.raw_data) for t in proto.graph.initializer)
    final = os.path.join(folder, file)
    if weight_bytes > EXTERNAL_DATA_BYTES:
        onnx.save_model(proto, final, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=file + ".data", size_threshold=1024)
    else:
        onnx.save_model(proto, final)
    del proto
    shutil.rmtree(scratch)
    try:
        onnx.checker.check_model(final)  # by path: works past 2 GB
    except Exception as exc:  # noqa: BLE001
        raise ExportError(f"{file}: the exported graph does not pass onnx.checker ({exc}).") from exc
    return weight_bytes


def stamp_shapes(proto, inputs, outputs):
    """Declares every graph input and output exactly as the contract does: fixed sizes as values, every other dim as
    its contract name. The tracer fixes model sizes (D, L, KV, Dh, V, H, R) and invents names such as
    `Castlogits_dim_0` for others; vrs's bundle check wants the contract's free dims free (the manifest constants
    fix the model sizes) and its fixed dims fixed."""
    wanted = {n: (t, s) for n, t, s in list(inputs) + list(outputs)}
    elem = {"float32": 1, "int64": 7}
    for value in list(proto.graph.input) + list(proto.graph.output):
        if value.name not in wanted:
            continue
        dtype, shape = wanted[value.name]
        tensor_type = value.type.tensor_type
        if tensor_type.elem_type != elem[dtype]:
            raise ExportError(f"graph tensor `{value.name}` came out with ONNX element type {tensor_type.elem_type}, "
                              f"the contract wants {dtype}.")
        if len(tensor_type.shape.dim) not in (0, len(shape)):
            raise ExportError(f"graph tensor `{value.name}` came out with rank {len(tensor_type.shape.dim)}, "
                              f"the contract wants {len(shape)}.")
        tensor_type.shape.ClearField("dim")
        for d in shape:
            dim = tensor_type.shape.dim.add()
            if isinstance(d, int):
                dim.dim_value = d
            else:
                dim.dim_param = d
    names_in = [v.name for v in proto.graph.input]
    names_out = [v.name for v in proto.graph.output]
    if names_in != [n for n, _, _ in inputs] or names_out != [n for n, _, _ in outputs]:
        raise ExportError(f"the exported graph has inputs {names_in} and outputs {names_out}; the contract wants "
                          f"{[n for n, _, _ in inputs]} and {[n for n, _, _ in outputs]}.")


def load_soft_prompt(path, hidden):
    if not os.path.isfile(path):
        raise ExportError(f"--soft-prompt {path}: no such file.")
    if path.endswith(".npy"):
        np = require("numpy", why="--soft-prompt .npy")
        rows = np.load(path)
    elif path.endswith((".pt", ".pth", ".bin")):
        torch = require("torch", why="--soft-prompt .pt")
        obj = torch.load(path, map_location="cpu")
        if isinstance(obj, dict):
            tensors = {k: v for k, v in obj.items() if hasattr(v, "shape") and len(v.shape) in (2, 3)}
            if len(tensors) != 1:
                raise ExportError(f"--soft-prompt {path}: a dict with {len(tensors)} 2-D/3-D tensors "
                                  f"({sorted(tensors)}); save exactly one [rows, hidden] tensor.")
            obj = next(iter(tensors.values()))
        rows = obj.detach().float().cpu().numpy()
    else:
        raise ExportError(f"--soft-prompt {path}: expected a .pt/.pth or .npy file.")
    if rows.ndim == 3 and rows.shape[0] == 1:
        rows = rows[0]
    if rows.ndim != 2 or rows.shape[1] != hidden or rows.shape[0] < 1:
        raise ExportError(f"--soft-prompt {path}: shape {tuple(rows.shape)}, expected [rows, {hidden}] (hidden_size).")
    if not (abs(rows.astype("float64")).max() < float("inf")):  # also false for NaN
        raise ExportError(f"--soft-prompt {path}: contains NaN or infinity.")
    return rows.astype("<f4")


def version_tuple(text):
    """"4.57.0.dev0" -> (4, 57, 0); "5.0.0rc1" -> (5, 0, 0)."""
    parts = [int(m.group(0)) for m in (re.match(r"\d+", piece) for piece in text.split(".")[:3]) if m]
    return tuple(parts + [0] * (3 - len(parts)))


def load_model(torch, transformers, ckpt, model_type, dtype, device):
    cls_name = ARCHITECTURES[model_type][1]
    cls = getattr(transformers, cls_name, None)
    need = ".".join(str(x) for x in MIN_TRANSFORMERS[model_type])
    if cls is None or version_tuple(transformers.__version__) < MIN_TRANSFORMERS[model_type]:
        raise ExportError(f"transformers {transformers.__version__} has no {cls_name}; "
                          f"pip install 'transformers>={need}'")
    kwargs = {"attn_implementation": "eager"}
    kwargs["dtype" if version_tuple(transformers.__version__) >= (4, 56, 0) else "torch_dtype"] = dtype
    model = cls.from_pretrained(ckpt, **kwargs)
    return model.to(device).eval()


def run_export(args):
    ckpt = resolve_checkpoint(args.model)
    config_json, model_type, pre = checkpoint_facts(ckpt)
    architecture = ARCHITECTURES[model_type][0]
    text_json = config_json.get("text_config") or {}
    layers_json = text_json.get("num_hidden_layers", config_json.get("num_hidden_layers"))
    hidden_json = text_json.get("hidden_size", config_json.get("hidden_size"))
    if args.rollout_start is not None and layers_json and not 0 <= args.rollout_start < int(layers_json):
        raise ExportError(f"--rollout-start {args.rollout_start}: must be in 0..{int(layers_json) - 1} "
                          f"({layers_json} decoder layers).")
    if args.soft_prompt and hidden_json:
        load_soft_prompt(args.soft_prompt, int(hidden_json))  # fail before loading the weights, not after
    torch = require("torch", "'torch>=2.1'", why="the export")
    transformers = require("transformers", "'transformers>=4.49'", why="the export")
    onnx = require("onnx", why="the export")
    if args.check:
        require("onnxruntime", why="--check")
        require("numpy", why="--check")
        require("PIL", "pillow", why="--check")
    if args.device == "cuda" and not torch.cuda.is_available():
        raise ExportError("--device cuda: torch sees no CUDA device (install a CUDA build of torch, or use --device cpu).")
    dtype = {"float32": torch.float32, "float16": torch.float16}[args.dtype]
    if args.dtype == "float16" and args.device == "cpu":
        print("warning: --dtype float16 on --device cpu: the trace runs every op in half precision on the CPU, which "
              "older torch builds do not implement for all ops (e.g. Conv3d); --device cuda avoids that.", file=sys.stderr)

    out = os.path.abspath(args.out)
    if os.path.exists(out) and not args.overwrite:
        raise ExportError(f"--out {out} exists; remove it or pass --overwrite.")
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)

    print(f"loading {ckpt} ({architecture}, {args.dtype}, {args.device}) ...", flush=True)
    model = load_model(torch, transformers, ckpt, model_type, dtype, args.device)
    config = model.config
    tcfg = text_config_of(config)
    n_layers = int(tcfg.num_hidden_layers)
    rollout_start = n_layers // 2 if args.rollout_start is None else args.rollout_start
    if not 0 <= rollout_start < n_layers:
        raise ExportError(f"--rollout-start {rollout_start}: must be in 0..{n_layers - 1} ({n_layers} decoder layers).")

    wrappers, sizes = build_wrappers(torch, model, config, model_type, rollout_start)
    vocab = int(model.get_output_embeddings().weight.shape[0])
    soft_rows = load_soft_prompt(args.soft_prompt, sizes["hidden_size"]) if args.soft_prompt else None

    vcfg = config.vision_config
    constants = {
        "architecture": architecture,
        "model_name": args.model_name or os.path.basename(os.path.normpath(args.model)),
        "tokenizer": "tokenizer.json",
        "hidden_size": sizes["hidden_size"],
        "num_layers": n_layers,
        "num_heads": sizes["num_heads"],
        "num_kv_heads": sizes["num_kv_heads"],
        "head_dim": sizes["head_dim"],
        "vocab_size": vocab,
        "rollout_start_layer": rollout_start,
        "max_context": int(args.max_context or getattr(tcfg, "max_position_embeddings", 0) or 32768),
        "patch_size": int(pre.get("patch_size", vcfg.patch_size)),
        "temporal_patch_size": int(pre.get("temporal_patch_size", vcfg.temporal_patch_size)),
        "merge_size": int(pre.get("merge_size", vcfg.spatial_merge_size)),
        "image_mean": [float(x) for x in pre["image_mean"]],
        "image_std": [float(x) for x in pre["image_std"]],
        "tokens_per_second": getattr(vcfg, "tokens_per_second", 2) if model_type == "qwen2_5_vl" else 2,
    }
    extras = {}
    for key in ("image_token_id", "video_token_id", "vision_start_token_id", "vision_end_token_id"):
        value = getattr(config, key, None) or config_json.get(key)
        if value is not None:
            extras[key] = int(value)
    eos = config_json.get("eos_token_id")
    gen_path = os.path.join(ckpt, "generation_config.json")
    if os.path.isfile(gen_path):
        eos = read_json(gen_path, "").get("eos_token_id", eos)
    if eos is not None:
        extras["eos_token_ids"] = [int(x) for x in (eos if isinstance(eos, list) else [eos])]
    extras["rope_theta"] = rope_theta_of(config)
    extras["mrope_section"] = sizes["mrope_section"]
    if model_type == "qwen2_5_vl":
        extras["window_size"] = int(vcfg.window_size)
    extras["dtype"] = args.dtype
    if soft_rows is not None:
        extras["soft_prompt"] = {"file": "soft_prompt.f32", "rows": int(soft_rows.shape[0]),
                                 "insert": args.soft_prompt_insert}
    manifest = build_manifest(constants, extras, export={
        "source": args.model, "dtype": args.dtype, "opset": args.opset, "torch": torch.__version__,
        "transformers": transformers.__version__, "onnx": onnx.__version__,
    })
    constants = manifest["constants"]  # required + optional, as written

    work = tempfile.mkdtemp(prefix=".export-qwen-vl-", dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(work, 0o777 & ~umask)  # mkdtemp makes it 0700; the bundle should get the usual folder mode
    try:
        for name, file, inputs, outputs in MODULES:
            started = time.time()
            print(f"exporting {name} -> {file} ...", flush=True)
            example = example_inputs(torch, name, sizes, args.device)
            size = export_module(torch, onnx, wrappers[name], example, name, file, inputs, outputs, work, args.opset)
            print(f"  {file}: {size / 1e9:.2f} GB of weights, {time.time() - started:.0f} s", flush=True)
        shutil.copyfile(os.path.join(ckpt, "tokenizer.json"), os.path.join(work, "tokenizer.json"))
        if soft_rows is not None:
            with open(os.path.join(work, "soft_prompt.f32"), "wb") as f:
                f.write(soft_rows.tobytes())
        with open(os.path.join(work, "vrs-model.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")

        status = 0
        if args.check:
            reference = hf_reference(args, torch, model, ckpt, constants)
            del wrappers, model  # free the PyTorch model before onnxruntime loads the modules
            import gc
            gc.collect()
            if args.device == "cuda":
                torch.cuda.empty_cache()
            status = check(args, work, constants, reference)
            if status != 0 and not args.keep_failed:
                raise CheckFailed(status)

        if os.path.exists(out):
            old = out + f".old-{os.getpid()}"
            os.replace(out, old)
            os.replace(work, out)
            shutil.rmtree(old)
        else:
            os.replace(work, out)
        print(f"wrote {out}" + ("" if status == 0 else " (checks FAILED; kept because of --keep-failed)"))
        return status
    finally:
        if os.path.isdir(work):
            shutil.rmtree(work, ignore_errors=True)


class CheckFailed(Exception):
    def __init__(self, status):
        super().__init__(f"checks failed (status {status})")
        self.status = status


# ----------------------------------------------------------------------------------------------------------------
# --check


TOLERANCES = {
    # max abs difference allowed, per export dtype
    "float32": {"image_embeds": 1e-2, "logits": 2e-2, "rollout_row": 1e-3, "query_attention": 1e-3, "decoder_logits": 2e-2},
    "float16": {"image_embeds": 0.5, "logits": 1.0, "rollout_row": 2e-2, "query_attention": 2e-2, "decoder_logits": 1.0},
}


def reference_rollout(torch, attentions, start_layer, vis_start, vis_length):
    """DecAF V-Max rollout of the last position, written out head by head in float64 from HF's attention weights
    (independent of the in-graph version)."""
    rows = None
    for layer in range(start_layer, len(attentions)):
        a = attentions[layer][0].double()  # [H, S, S]
        heads, s, _ = a.shape
        peaks = [a[h, :, vis_start:vis_start + vis_length].max(dim=-1).values.mean() for h in range(heads)]
        top = max(float(p) for p in peaks)
        mixed = torch.zeros(s, s, dtype=torch.float64, device=a.device)
        for h in range(heads):
            mixed += (float(peaks[h]) / top) * a[h]
        a_hat = 0.5 * (mixed / heads) + 0.5 * torch.eye(s, dtype=torch.float64, device=a.device)
        rows = a_hat if rows is None else a_hat @ rows
    return rows[-1]


CHECK_IMAGE_SIDE = 448  # the check image is shrunk to fit 448 x 448 (<= 256 visual tokens), so HF's
# output_attentions (layers x heads x S x S) stays small


def hf_reference(args, torch, model, ckpt, constants):
    """Everything --check needs from PyTorch, computed before any ONNX session is opened so the model can be freed
    first: the prompt, HF's vision embeddings, last-position logits, attention rows, the rollout row recomputed from
    HF's attention weights, the M-RoPE positions and rope delta, and HF generate's greedy tokens."""
    from PIL import Image
    import transformers

    processor = transformers.AutoProcessor.from_pretrained(ckpt)
    image = Image.open(args.check).convert("RGB")
    image.thumbnail((CHECK_IMAGE_SIDE, CHECK_IMAGE_SIDE))
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": args.check_question}]}]
    prompt = processor.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    inputs = processor(text=[prompt], images=[image], return_tensors="pt").to(args.device)
    input_ids = inputs["input_ids"]
    grid = inputs["image_grid_thw"]
    image_token = constants.get("image_token_id", 151655)
    where = (input_ids[0] == image_token).nonzero().flatten()
    vis_start, vis_length = int(where[0]), int(where[-1] - where[0] + 1)
    seq = input_ids.shape[1]
    print(f"check: {seq} prompt tokens, grid_thw {grid.tolist()}, visual span {vis_start}+{vis_length}", flush=True)

    with torch.no_grad():
        visual, _, _ = parts_of(model)
        ref_image = visual(inputs["pixel_values"].to(visual.patch_embed.proj.weight.dtype), grid_thw=grid)
        ref_image = getattr(ref_image, "pooler_output", ref_image)  # newer versions may return an output object
        if isinstance(ref_image, (tuple, list)):
            ref_image = ref_image[0]
        out = model(**inputs, output_attentions=True, use_cache=False, return_dict=True)
        ref_logits = out.logits[0, -1].float()
        ref_row = reference_rollout(torch, out.attentions, constants["rollout_start_layer"], vis_start, vis_length)
        ref_query = torch.stack([out.attentions[l][0, :, -1, :].float()
                                 for l in range(constants["rollout_start_layer"], constants["num_layers"])])
        rope_owner = model if hasattr(model, "get_rope_index") else model.model
        position_ids, rope_delta = rope_owner.get_rope_index(input_ids, grid, None, attention_mask=inputs["attention_mask"])
        del out
        generated = model.generate(**inputs, max_new_tokens=args.check_tokens, do_sample=False, num_beams=1)

    def host(t):
        return t.detach().float().cpu().numpy() if t.is_floating_point() else t.detach().cpu().numpy().astype("int64")

    return {
        "processor": processor, "image_token": image_token, "vis_start": vis_start, "vis_length": vis_length,
        "input_ids": host(input_ids), "pixel_values": host(inputs["pixel_values"]), "grid_thw": host(grid),
        "position_ids": host(position_ids), "rope_delta": int(rope_delta.flatten()[0]),
        "image_embeds": host(ref_image), "logits": host(ref_logits), "rollout_row": host(ref_row),
        "query_attention": host(ref_query), "tokens": generated[0, seq:].tolist(),
    }


def check(args, bundle, constants, ref):
    """Runs the bundle in onnxruntime as the C# host will and compares it with hf_reference's values. Sessions are
    opened one at a time (the probe is released before the decoder) to keep the peak memory to one module."""
    import gc
    import numpy as np
    import onnxruntime as ort

    tol = TOLERANCES[args.dtype]
    providers = ["CPUExecutionProvider"]
    if args.device == "cuda" and "CUDAExecutionProvider" in ort.get_available_providers():
        providers.insert(0, "CUDAExecutionProvider")
    files = {name: file for name, file, _, _ in MODULES}

    def session(name):
        return ort.InferenceSession(os.path.join(bundle, files[name]), providers=providers)

    input_ids, seq = ref["input_ids"], ref["input_ids"].shape[1]
    vis_start, vis_length, image_token = ref["vis_start"], ref["vis_length"], ref["image_token"]
    image_embeds = session("vision_encoder").run(None, {"pixel_values": ref["pixel_values"], "grid_thw": ref["grid_thw"]})[0]
    embed_tokens = session("embed_tokens")
    embeds = embed_tokens.run(None, {"input_ids": input_ids})[0]
    embeds[0, input_ids[0] == image_token] = image_embeds
    mask = np.ones((1, seq), dtype=np.int64)
    pos = ref["position_ids"]
    probe = session("probe")
    logits, keys, values, row, query = probe.run(None, {
        "inputs_embeds": embeds, "attention_mask": mask, "position_ids": pos,
        "visual_span": np.array([vis_start, vis_length], dtype=np.int64)})
    del probe
    gc.collect()
    decoder = session("decoder")

    empty = np.zeros((constants["num_layers"], 1, constants["num_kv_heads"], 0, constants["head_dim"]), np.float32)
    dec_logits = decoder.run(None, {"inputs_embeds": embeds, "attention_mask": mask, "position_ids": pos,
                                    "past_keys": empty, "past_values": empty})[0]

    results = []

    def compare(what, ours, theirs):
        ours = np.asarray(ours, dtype=np.float64)
        theirs = np.asarray(theirs, dtype=np.float64)
        if ours.shape != theirs.shape:
            results.append((what, float("inf"), tol[what], f"shape {ours.shape} vs {theirs.shape}"))
            return
        diff = float(np.max(np.abs(ours - theirs))) if ours.size else 0.0
        results.append((what, diff, tol[what], f"max |ref| {float(np.max(np.abs(theirs))):.4g}"))

    compare("image_embeds", image_embeds, ref["image_embeds"])
    compare("logits", logits[0, -1], ref["logits"])
    compare("rollout_row", row[0], ref["rollout_row"])
    compare("query_attention", query, ref["query_attention"])
    compare("decoder_logits", dec_logits[0, -1], logits[0, -1])

    # Greedy decoding through decoder.onnx with the probe's KV cache, as the host does (design note 6.6).
    delta = ref["rope_delta"]
    tokens = [int(np.argmax(logits[0, -1]))]
    stops = set(constants.get("eos_token_ids", [151645, 151643]))
    while len(tokens) < args.check_tokens and tokens[-1] not in stops:
        step_embeds = embed_tokens.run(None, {"input_ids": np.array([[tokens[-1]]], dtype=np.int64)})[0]
        cache_len = keys.shape[3]
        step_pos = np.full((3, 1, 1), cache_len + delta, dtype=np.int64)
        step_logits, keys, values = decoder.run(None, {
            "inputs_embeds": step_embeds, "attention_mask": np.ones((1, cache_len + 1), dtype=np.int64),
            "position_ids": step_pos, "past_keys": keys, "past_values": values})
        tokens.append(int(np.argmax(step_logits[0, -1])))
    ref_cut = ref["tokens"][:len(tokens)]

    failed = False
    for what, diff, limit, note in results:
        ok = diff <= limit
        failed |= not ok
        print(f"  {what:16s} max abs diff {diff:.3g} (tolerance {limit:g}; {note}) {'ok' if ok else 'OVER'}")
    same = tokens == ref_cut
    failed |= not same
    decode = getattr(ref["processor"], "batch_decode", None)
    print(f"  greedy tokens    onnx {tokens} vs HF generate {ref_cut} {'ok' if same else 'DIFFER'}")
    if decode is not None:
        print(f"  answer (onnx)    {decode([tokens], skip_special_tokens=True)[0]!r}")
    print("check: " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


# ----------------------------------------------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="export_qwen_vl.py",
        description="Export a Hugging Face Qwen2-VL / Qwen2.5-VL checkpoint into vrs's lvlm bundle.")
    p.add_argument("--model", help="checkpoint folder or hub id (e.g. Qwen/Qwen2.5-VL-7B-Instruct)")
    p.add_argument("--out", help="bundle folder to write (written under a temporary name, renamed at the end)")
    p.add_argument("--dtype", choices=["float32", "float16"], default="float32",
                   help="weight dtype inside the graphs; inputs and outputs stay float32, attention is float32")
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--rollout-start", type=int, default=None,
                   help="first decoder layer of the rollout (default: num_layers // 2: 14 for 28 layers, 18 for 36)")
    p.add_argument("--max-context", type=int, default=None, help="default: config max_position_embeddings")
    p.add_argument("--model-name", default=None, help="manifest model_name (default: the --model folder or id name)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="where torch runs the trace and the check")
    p.add_argument("--soft-prompt", default=None, help="learned soft-prompt rows, [rows, hidden_size] .pt or .npy")
    p.add_argument("--soft-prompt-insert", choices=SOFT_PROMPT_INSERTS, default=None)
    p.add_argument("--check", metavar="IMAGE", default=None,
                   help="after export, compare the ONNX modules with the HF model on IMAGE (needs onnxruntime, pillow)")
    p.add_argument("--check-question", default="What is in the image? Answer in one sentence.")
    p.add_argument("--check-tokens", type=int, default=8, help="greedy tokens compared with HF generate")
    p.add_argument("--keep-failed", action="store_true", help="keep the bundle even when --check fails")
    p.add_argument("--overwrite", action="store_true", help="replace an existing --out folder")
    p.add_argument("--print-manifest-template", action="store_true",
                   help="print the bundle's module files, tensor names and constant names as JSON (no torch needed)")
    args = p.parse_args(argv)
    if args.print_manifest_template:
        return args
    if not args.model or not args.out:
        p.error("--model and --out are required (or --print-manifest-template)")
    if args.soft_prompt and not args.soft_prompt_insert:
        p.error("--soft-prompt needs --soft-prompt-insert start|before_question|after_question")
    if args.soft_prompt_insert and not args.soft_prompt:
        p.error("--soft-prompt-insert needs --soft-prompt FILE")
    if args.check and not os.path.isfile(args.check):
        p.error(f"--check {args.check}: no such image file")
    if args.check_tokens < 1:
        p.error("--check-tokens must be at least 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.print_manifest_template:
        json.dump(manifest_template(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    try:
        return run_export(args)
    except ExportError as exc:
        print(f"export_qwen_vl.py: {exc}", file=sys.stderr)
        return 2
    except CheckFailed as exc:
        print(f"export_qwen_vl.py: --check failed; nothing written to {args.out} (pass --keep-failed to keep it).",
              file=sys.stderr)
        return exc.status


if __name__ == "__main__":
    sys.exit(main())
