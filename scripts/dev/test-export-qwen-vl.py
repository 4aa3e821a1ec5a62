#!/usr/bin/env python3
"""Checks scripts/export_qwen_vl.py's module wrappers without weights or transformers.

Usage: test-export-qwen-vl.py [--onnx-out DIR]
       test-export-qwen-vl.py --host-bundles DIR

Builds tiny random models laid out like HF's Qwen2VLForConditionalGeneration / Qwen2_5_VLForConditionalGeneration
(same attribute names, same sub-module semantics: Conv3d patch embed, qkv/proj vision attention, merger, q/k/v/o
decoder attention, RMSNorm, SwiGLU), then checks the wrappers in eager PyTorch against references written here the
way HF's forwards compute (Python loops over grid_thw, cu_seqlens, Qwen2.5-VL's window permutation, full-sequence
causal attention, apply_multimodal_rotary_pos_emb), the rollout step against DecAF's golden vectors
(tests/Vrs.Grounding.Tests/Data/decaf-rollout-golden.json), KV-cache decoding against a full forward, and that every
module exports with torch.onnx and passes onnx.checker with the contract's names. With --onnx-out it leaves a tiny
bundle per architecture (random weights, NOT a real model) for `vrs models check`.

--host-bundles DIR writes DIR/qwen2-vl and DIR/qwen2.5-vl through run_export itself: tiny random models with Qwen's
vocabulary size (151,936) and the Qwen tokenizer that scripts/test fetches (.vrs/tokenizers/qwen3/tokenizer.json),
so the C# host can run them: `scripts/vrs ground clip.mp4 --models DIR/qwen2.5-vl --query "..." --frames 4`
(answers are gibberish: random weights).

Run with Debian's python3 + python3-torch + python3-onnx (no transformers needed). Exit code 1 on any failure.
"""
import importlib.util
import json
import math
import os
import sys
import tempfile
import types

import torch
from torch import nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
spec = importlib.util.spec_from_file_location("export_qwen_vl", os.path.join(ROOT, "scripts", "export_qwen_vl.py"))
ex = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ex)

FAILURES = []


def expect_close(what, ours, theirs, tol):
    diff = (ours.double() - theirs.double()).abs().max().item() if ours.numel() else 0.0
    ok = ours.shape == theirs.shape and diff <= tol
    print(f"  {'ok  ' if ok else 'FAIL'} {what}: shape {tuple(ours.shape)}, max abs diff {diff:.3g} (tol {tol:g})")
    if not ok:
        FAILURES.append(what)


# ---------------------------------------------------------------------------------------------- tiny HF-like model


class RMSNorm(nn.Module):
    def __init__(self, n, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(1 + 0.1 * torch.randn(n))
        self.eps = eps

    def forward(self, x):
        dtype = x.dtype
        x = x.float()
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x.to(dtype)


class SwiGLU(nn.Module):
    def __init__(self, d, i, bias):
        super().__init__()
        self.gate_proj, self.up_proj = nn.Linear(d, i, bias=bias), nn.Linear(d, i, bias=bias)
        self.down_proj = nn.Linear(i, d, bias=bias)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class QuickGeluMlp(nn.Module):
    def __init__(self, d, i):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(d, i), nn.Linear(i, d)

    def forward(self, x):
        x = self.fc1(x)
        return self.fc2(x * torch.sigmoid(1.702 * x))


class PatchEmbed(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.embed_dim = dim
        self.proj = nn.Conv3d(3, dim, kernel_size=(2, 14, 14), stride=(2, 14, 14), bias=False)

    def forward(self, x):
        x = x.view(-1, 3, 2, 14, 14)
        return self.proj(x.to(self.proj.weight.dtype)).view(-1, self.embed_dim)


class VisionAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.num_heads = heads
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)


class VisionBlock(nn.Module):
    def __init__(self, dim, heads, v25):
        super().__init__()
        self.norm1 = RMSNorm(dim) if v25 else nn.LayerNorm(dim, eps=1e-6)
        self.norm2 = RMSNorm(dim) if v25 else nn.LayerNorm(dim, eps=1e-6)
        self.attn = VisionAttention(dim, heads)
        self.mlp = SwiGLU(dim, 2 * dim, bias=True) if v25 else QuickGeluMlp(dim, 2 * dim)


class Merger(nn.Module):
    def __init__(self, dim, out, v25):
        super().__init__()
        self.hidden_size = dim * 4
        self.ln_q = RMSNorm(dim) if v25 else nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim * 4, dim * 4), nn.GELU(), nn.Linear(dim * 4, out))

    def forward(self, x):
        return self.mlp(self.ln_q(x).view(-1, self.hidden_size))


class Rotary(nn.Module):
    def __init__(self, dim, theta):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.float) / dim)), persistent=False)


class Visual(nn.Module):
    def __init__(self, cfg, v25):
        super().__init__()
        dim, heads = cfg.embed_dim, cfg.num_heads
        self.spatial_merge_size = 2
        self.patch_embed = PatchEmbed(dim)
        self.rotary_pos_emb = Rotary(dim // heads // 2, 10000.0)
        self.blocks = nn.ModuleList([VisionBlock(dim, heads, v25) for _ in range(cfg.depth)])
        self.merger = Merger(dim, cfg.out_hidden_size, v25)
        if v25:
            self.fullatt_block_indexes = cfg.fullatt_block_indexes
            self.window_size = cfg.window_size
        self.v25 = v25

    def forward(self, hidden_states, grid_thw):
        return ref_vision(self, hidden_states, grid_thw, self.v25)


class TextAttention(nn.Module):
    def __init__(self, d, heads, kv, hd):
        super().__init__()
        self.q_proj, self.k_proj = nn.Linear(d, heads * hd), nn.Linear(d, kv * hd)
        self.v_proj, self.o_proj = nn.Linear(d, kv * hd), nn.Linear(heads * hd, d, bias=False)


class TextLayer(nn.Module):
    def __init__(self, t):
        super().__init__()
        hd = t.hidden_size // t.num_attention_heads
        self.self_attn = TextAttention(t.hidden_size, t.num_attention_heads, t.num_key_value_heads, hd)
        self.mlp = SwiGLU(t.hidden_size, 3 * t.hidden_size, bias=False)
        self.input_layernorm, self.post_attention_layernorm = RMSNorm(t.hidden_size), RMSNorm(t.hidden_size)


class TextModel(nn.Module):
    def __init__(self, t):
        super().__init__()
        self.embed_tokens = nn.Embedding(t.vocab_size, t.hidden_size)
        self.layers = nn.ModuleList([TextLayer(t) for _ in range(t.num_hidden_layers)])
        self.norm = RMSNorm(t.hidden_size)
        self.rotary_emb = Rotary(t.hidden_size // t.num_attention_heads, t.rope_theta)


class Inner(nn.Module):
    def __init__(self, cfg, v25):
        super().__init__()
        self.visual = Visual(cfg.vision_config, v25)
        self.language_model = TextModel(cfg.text_config)


class TinyQwenVL(nn.Module):
    def __init__(self, v25, vocab=50):
        super().__init__()
        text = types.SimpleNamespace(hidden_size=64, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
                                     vocab_size=vocab, rope_theta=1000000.0, max_position_embeddings=4096,
                                     rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]})
        vision = types.SimpleNamespace(embed_dim=64, num_heads=4, depth=4, out_hidden_size=64, spatial_merge_size=2,
                                       patch_size=14, temporal_patch_size=2, window_size=112,
                                       fullatt_block_indexes=[1, 3], tokens_per_second=2)
        self.config = types.SimpleNamespace(text_config=text, vision_config=vision)
        self.model = Inner(self.config, v25)
        self.lm_head = nn.Linear(64, vocab, bias=False)


# ---------------------------------------------------------------------------------------------- references (HF's way)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def ref_vision(visual, pixel_values, grid_thw, v25):
    """HF's vision forward: rotary positions per grid with Python loops, cu_seqlens per temporal slice, and for
    Qwen2.5-VL the window permutation of merge units, per-window attention by splitting, merger, un-permute."""
    ms, unit = 2, 4
    pos = []
    for t, h, w in grid_thw.tolist():
        hp = torch.arange(h).unsqueeze(1).expand(-1, w).reshape(h // ms, ms, w // ms, ms).permute(0, 2, 1, 3).flatten()
        wp = torch.arange(w).unsqueeze(0).expand(h, -1).reshape(h // ms, ms, w // ms, ms).permute(0, 2, 1, 3).flatten()
        pos.append(torch.stack([hp, wp], dim=-1).repeat(t, 1))
    pos = torch.cat(pos)
    table = torch.outer(torch.arange(int(grid_thw[:, 1:].max()), dtype=torch.float), visual.rotary_pos_emb.inv_freq)
    rot = table[pos].flatten(1)
    x = visual.patch_embed(pixel_values)
    n = x.shape[0]
    cu = [0]
    for t, h, w in grid_thw.tolist():
        for _ in range(t):
            cu.append(cu[-1] + h * w)  # one attention segment per temporal slice
    if v25:
        ws = visual.window_size // ms // 14
        index, cu_win, base = [], [0], 0
        for t, h, w in grid_thw.tolist():
            lh, lw = h // ms, w // ms
            idx = torch.arange(t * lh * lw).reshape(t, lh, lw)
            ph, pw = ws - lh % ws, ws - lw % ws
            nh, nw = (lh + ph) // ws, (lw + pw) // ws
            padded = nn.functional.pad(idx, (0, pw, 0, ph), "constant", -100)
            padded = padded.reshape(t, nh, ws, nw, ws).permute(0, 1, 3, 2, 4).reshape(t, nh * nw, ws, ws)
            lens = (padded != -100).sum([2, 3]).reshape(-1)
            flat = padded.reshape(-1)
            index.append(flat[flat != -100] + base)
            cu_win += (lens.cumsum(0) * unit + cu_win[-1]).tolist()
            base += t * lh * lw
        index = torch.cat(index)
        cu_win = sorted(set(cu_win))
        x = x.reshape(n // unit, unit, -1)[index].reshape(n, -1)
        rot = rot.reshape(n // unit, unit, -1)[index].reshape(n, -1)
    emb = torch.cat((rot, rot), dim=-1)
    cos, sin = emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)
    for i, blk in enumerate(visual.blocks):
        bounds = cu if not v25 or i in visual.fullatt_block_indexes else cu_win
        y = blk.norm1(x)
        heads = blk.attn.num_heads
        q, k, v = blk.attn.qkv(y).reshape(n, 3, heads, -1).permute(1, 0, 2, 3).unbind(0)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        outs = []
        for a, b in zip(bounds[:-1], bounds[1:]):
            qq, kk, vv = (z[a:b].transpose(0, 1) for z in (q, k, v))
            p = torch.softmax(qq @ kk.transpose(1, 2) / math.sqrt(qq.shape[-1]), dim=-1)
            outs.append((p @ vv).transpose(0, 1).reshape(b - a, -1))
        x = x + blk.attn.proj(torch.cat(outs))
        x = x + blk.mlp(blk.norm2(x))
    x = visual.merger(x)
    if v25:
        x = x[torch.argsort(index)]
    return x


def ref_text(model, embeds, position_ids):
    """Full-sequence causal forward as HF's eager path: M-RoPE by apply_multimodal_rotary_pos_emb, repeat_kv."""
    t = model.config.text_config
    text = model.model.language_model
    hd = t.hidden_size // t.num_attention_heads
    sec = t.rope_scaling["mrope_section"] * 2
    freqs = position_ids.float().unsqueeze(-1) * text.rotary_emb.inv_freq
    emb = torch.cat((freqs, freqs), -1)
    cos = torch.cat([m[i % 3] for i, m in enumerate(emb.cos().split(sec, -1))], -1).unsqueeze(1)
    sin = torch.cat([m[i % 3] for i, m in enumerate(emb.sin().split(sec, -1))], -1).unsqueeze(1)
    s = embeds.shape[1]
    mask = torch.full((s, s), torch.finfo(torch.float32).min).triu(1)
    h, attns = embeds, []
    for layer in text.layers:
        a = layer.self_attn
        x = layer.input_layernorm(h)
        q = a.q_proj(x).view(1, s, -1, hd).transpose(1, 2)
        k = a.k_proj(x).view(1, s, -1, hd).transpose(1, 2)
        v = a.v_proj(x).view(1, s, -1, hd).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        rep = t.num_attention_heads // t.num_key_value_heads
        k = k[:, :, None].expand(1, k.shape[1], rep, s, hd).reshape(1, -1, s, hd)
        v = v[:, :, None].expand(1, v.shape[1], rep, s, hd).reshape(1, -1, s, hd)
        p = torch.softmax(q @ k.transpose(2, 3) / math.sqrt(hd) + mask, dim=-1)
        attns.append(p)
        h = h + a.o_proj((p @ v).transpose(1, 2).reshape(1, s, -1))
        h = h + layer.mlp(layer.post_attention_layernorm(h))
    return model.lm_head(text.norm(h)), attns


# ---------------------------------------------------------------------------------------------- tests


def test_golden_rollout():
    print("rollout step vs DecAF golden vectors")
    path = os.path.join(ROOT, "tests", "Vrs.Grounding.Tests", "Data", "decaf-rollout-golden.json")
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)["rollout"]
    for case in cases:
        n, heads = case["tokens"], case["heads"]
        layers = [torch.tensor(a, dtype=torch.float32).view(heads, n, n) for a in case["layers"]]
        cols = torch.arange(n)
        span = ((cols >= case["visualStart"]) & (cols < case["visualStart"] + case["visualLength"])).float()
        eye = torch.eye(n)
        row = ex.rollout_last_row(torch, [ex.vmax_layer_matrix(p, span, eye) for p in layers], eye)
        expect_close(f"golden {case['name']} (in-graph step)", row[0], torch.tensor(case["lastRow"]), 1e-5)
        ref = ex.reference_rollout(torch, [p.unsqueeze(0) for p in layers], 0, case["visualStart"], case["visualLength"])
        expect_close(f"golden {case['name']} (--check reference)", ref.float(), torch.tensor(case["lastRow"]), 1e-5)


def mrope_positions(s, vis_start, grid):
    """Position ids [3,1,s] for text, one image of llm grid (1, gh, gw) at vis_start, then text (design note 6.4)."""
    _, gh, gw = grid
    rows = [[], [], []]
    nxt = 0
    for i in range(vis_start):
        for a in range(3):
            rows[a].append(i)
    nxt = vis_start
    for y in range(gh):
        for x in range(gw):
            rows[0].append(nxt)
            rows[1].append(nxt + y)
            rows[2].append(nxt + x)
    nxt = max(nxt + gh - 1, nxt + gw - 1) + 1
    while len(rows[0]) < s:
        for a in range(3):
            rows[a].append(nxt)
        nxt += 1
    return torch.tensor(rows).view(3, 1, s), nxt - s


def test_architecture(v25, onnx_out):
    name = "qwen2.5-vl" if v25 else "qwen2-vl"
    print(f"{name}:")
    torch.manual_seed(7 if v25 else 5)
    model = TinyQwenVL(v25).eval()
    rollout_start = 2
    with torch.no_grad():
        wrappers, sizes = ex.build_wrappers(torch, model, model.config, "qwen2_5_vl" if v25 else "qwen2_vl", rollout_start)
        visual = model.model.visual
        # grids: one image; a 2-slice video; two grids at once; sizes not multiples of the 112-px window (8 patches)
        for grid in ([[1, 16, 20]], [[2, 12, 10]], [[1, 8, 8], [2, 10, 18]], [[1, 22, 6]]):
            g = torch.tensor(grid)
            pixels = torch.randn(int((g[:, 0] * g[:, 1] * g[:, 2]).sum()), 1176)
            expect_close(f"vision_encoder grid {grid}", wrappers["vision_encoder"](pixels, g), ref_vision(visual, pixels, g, v25), 2e-5)

        ids = torch.randint(0, 50, (1, 9))
        expect_close("embed_tokens", wrappers["embed_tokens"](ids), model.model.language_model.embed_tokens(ids), 0)

        llm_grid = (1, 3, 4)
        s, vis_start, vis_len = 20, 3, 12
        embeds = torch.randn(1, s, 64)
        pos, delta = mrope_positions(s, vis_start, llm_grid)
        ref_logits, ref_attn = ref_text(model, embeds, pos)
        logits, keys, values, row, query = wrappers["probe"](embeds, torch.ones(1, s, dtype=torch.long), pos,
                                                               torch.tensor([vis_start, vis_len]))
        expect_close("probe logits (last position only)", logits, ref_logits[:, -1:], 2e-5)
        ref_row = ex.reference_rollout(torch, ref_attn, rollout_start, vis_start, vis_len)
        expect_close("probe rollout_row", row, ref_row.float().unsqueeze(0), 2e-6)
        ref_query = torch.stack([ref_attn[l][0, :, -1, :] for l in range(rollout_start, 4)])
        expect_close("probe query_attention", query, ref_query, 2e-6)
        assert keys.shape == (4, 1, 2, s, 16), keys.shape

        empty = torch.zeros(4, 1, 2, 0, 16)
        full = wrappers["decoder"](embeds, torch.ones(1, s, dtype=torch.long), pos, empty, empty)
        expect_close("decoder (P = 0) logits", full[0], ref_logits, 2e-5)
        expect_close("decoder (P = 0) present_keys = probe's", full[1], keys, 1e-6)
        # prefill 14 tokens with the probe, then 6 steps one token at a time through the decoder with the cache
        cut = 14
        _, k, v, _, _ = wrappers["probe"](embeds[:, :cut], torch.ones(1, cut, dtype=torch.long), pos[:, :, :cut],
                                          torch.tensor([vis_start, vis_len]))
        steps = []
        for i in range(cut, s):
            out, k, v = wrappers["decoder"](embeds[:, i:i + 1], torch.ones(1, i + 1, dtype=torch.long), pos[:, :, i:i + 1], k, v)
            steps.append(out)
        expect_close("decoder with KV cache, step by step", torch.cat(steps, 1), ref_logits[:, cut:], 2e-5)
        # a chunk of 4 with a cache and a padded (masked) key: padding must only remove that key
        mask = torch.ones(1, s, dtype=torch.long)
        _, k, v = wrappers["decoder"](embeds[:, :16], mask[:, :16], pos[:, :, :16], empty, empty)
        chunk = wrappers["decoder"](embeds[:, 16:], mask, pos[:, :, 16:], k, v)[0]
        expect_close("decoder chunk of 4 after a cache of 16", chunk, ref_logits[:, 16:], 2e-5)

        if onnx_out is not None:
            import onnx
            ex.EXTERNAL_DATA_BYTES = 0 if v25 else 1_800_000_000  # the Qwen2.5-VL bundle takes the > 2 GB path
            folder = os.path.join(onnx_out, name)
            os.makedirs(folder, exist_ok=True)
            for module, file, inputs, outputs in ex.MODULES:
                for leftover in (os.path.join(folder, file), os.path.join(folder, "_raw_" + module)):
                    if os.path.isdir(leftover):
                        import shutil
                        shutil.rmtree(leftover)
                    elif os.path.exists(leftover):
                        os.remove(leftover)
                args = ex.example_inputs(torch, module, sizes, "cpu")
                ex.export_module(torch, onnx, wrappers[module], args, module, file, inputs, outputs, folder, 17)
                data = os.path.join(folder, file + ".data")
                if v25 != os.path.isfile(data):
                    FAILURES.append(f"{name} {file}: external data file {'missing' if v25 else 'unexpected'}")
                graph = onnx.load(os.path.join(folder, file)).graph
                got_in = [i.name for i in graph.input]
                got_out = [o.name for o in graph.output]
                want_in, want_out = [n for n, _, _ in inputs], [n for n, _, _ in outputs]
                ok = got_in == want_in and got_out == want_out
                print(f"  {'ok  ' if ok else 'FAIL'} onnx export {file}: inputs {got_in}, outputs {got_out}")
                if not ok:
                    FAILURES.append(f"{name} {file} names")
                for value in list(graph.input) + list(graph.output):
                    dims = [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]
                    print(f"       {value.name}: {dims}")
            manifest = {
                "kind": ex.KIND, "contract_version": ex.CONTRACT_VERSION, "standin": True,
                "description": f"tiny random {name} from scripts/dev/test-export-qwen-vl.py: NOT a real model",
                "modules": {m: f for m, f, _, _ in ex.MODULES},
                "constants": {
                    "architecture": name, "model_name": "tiny-random", "tokenizer": "tokenizer.json",
                    "hidden_size": 64, "num_layers": 4, "num_heads": 4, "num_kv_heads": 2, "head_dim": 16,
                    "vocab_size": 50, "rollout_start_layer": rollout_start, "max_context": 4096, "patch_size": 14,
                    "temporal_patch_size": 2, "merge_size": 2, "image_mean": [0.5, 0.5, 0.5],
                    "image_std": [0.5, 0.5, 0.5], "tokens_per_second": 2,
                },
            }
            with open(os.path.join(folder, "vrs-model.json"), "w", encoding="utf-8") as f:
                json.dump(manifest, f, indent=2)
            write_cases(wrappers, os.path.join(folder, "cases.json"))


def write_cases(wrappers, path):
    """Inputs at sizes the trace never saw (G = 2, P = 0, S = 1, other spans) and the eager wrappers' outputs, for
    scripts/dev/run-onnx-cases.mjs to replay through ONNX Runtime."""
    g = torch.Generator().manual_seed(3)

    def pos(s, start=0):
        return (torch.arange(s) + start).view(1, 1, s).expand(3, 1, s).contiguous()

    calls = []
    for grid in ([[1, 8, 12]], [[2, 6, 10], [1, 16, 8]], [[3, 4, 4]]):
        grid = torch.tensor(grid)
        n = int((grid[:, 0] * grid[:, 1] * grid[:, 2]).sum())
        calls.append(("vision_encoder", {"pixel_values": torch.randn(n, 1176, generator=g), "grid_thw": grid}))
    calls.append(("embed_tokens", {"input_ids": torch.tensor([[3, 1, 4]])}))
    calls.append(("embed_tokens", {"input_ids": torch.tensor([[49]])}))
    for s, p in ((1, 13), (4, 0), (3, 2)):
        mask = torch.ones(1, p + s, dtype=torch.long)
        if p > 1:
            mask[0, 1] = 0  # a padded key in the cache
        calls.append(("decoder", {
            "inputs_embeds": torch.randn(1, s, 64, generator=g), "attention_mask": mask, "position_ids": pos(s, p + 5),
            "past_keys": torch.randn(4, 1, 2, p, 16, generator=g), "past_values": torch.randn(4, 1, 2, p, 16, generator=g)}))
    for s, start, length in ((23, 4, 9), (2, 0, 1), (11, 3, 0)):
        calls.append(("probe", {
            "inputs_embeds": torch.randn(1, s, 64, generator=g), "attention_mask": torch.ones(1, s, dtype=torch.long),
            "position_ids": pos(s), "visual_span": torch.tensor([start, length])}))

    def pack(t):
        return {"dtype": "int64" if t.dtype == torch.long else "float32", "dims": list(t.shape),
                "data": [int(v) for v in t.flatten()] if t.dtype == torch.long else [float(v) for v in t.flatten()]}

    cases = []
    for module, feeds in calls:
        with torch.no_grad():
            outs = wrappers[module](*feeds.values())
        outs = outs if isinstance(outs, tuple) else (outs,)
        names = [n for n, _, _ in next(o for m, _, _, o in ex.MODULES if m == module)]
        cases.append({"module": module, "inputs": {k: pack(v) for k, v in feeds.items()},
                      "outputs": {n: pack(o) for n, o in zip(names, outs)}})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cases, f)


def test_run_export(parent):
    """The whole run_export path (checkpoint checks, manifest, soft prompt, temporary folder renamed at the end,
    --overwrite) with a stand-in `transformers` module whose from_pretrained returns the tiny model."""
    print("run_export end to end (stand-in transformers module, tiny random model):")
    ex.EXTERNAL_DATA_BYTES = 1_800_000_000
    import numpy as np

    ckpt = os.path.join(parent, "Tiny-Qwen2.5-VL")
    os.makedirs(ckpt)
    files = {
        "config.json": {"model_type": "qwen2_5_vl", "architectures": ["Qwen2_5_VLForConditionalGeneration"],
                        "image_token_id": 151655, "video_token_id": 151656, "vision_start_token_id": 151652,
                        "vision_end_token_id": 151653, "eos_token_id": 151645},
        "generation_config.json": {"eos_token_id": [151645, 151643]},
        "preprocessor_config.json": {"image_mean": [0.48145466, 0.4578275, 0.40821073],
                                     "image_std": [0.26862954, 0.26130258, 0.27577711],
                                     "patch_size": 14, "merge_size": 2, "temporal_patch_size": 2},
        "tokenizer.json": {"model": {"type": "BPE"}},
    }
    for name, content in files.items():
        with open(os.path.join(ckpt, name), "w", encoding="utf-8") as f:
            json.dump(content, f)
    open(os.path.join(ckpt, "model.safetensors"), "wb").close()
    soft = os.path.join(parent, "soft.npy")
    np.save(soft, np.arange(3 * 64, dtype=np.float32).reshape(3, 64) / 100)

    class FakeModel(TinyQwenVL):
        @classmethod
        def from_pretrained(cls, path, **kwargs):
            assert path == ckpt and kwargs.get("attn_implementation") == "eager", (path, kwargs)
            torch.manual_seed(11)
            return cls(v25=True)

        def get_output_embeddings(self):
            return self.lm_head

    fake = types.ModuleType("transformers")
    fake.__version__ = "4.55.0"
    fake.Qwen2_5_VLForConditionalGeneration = FakeModel
    real = sys.modules.get("transformers")
    sys.modules["transformers"] = fake
    out = os.path.join(parent, "bundle")
    try:
        argv = ["--model", ckpt, "--out", out, "--soft-prompt", soft, "--soft-prompt-insert", "after_question"]
        status = ex.run_export(ex.parse_args(argv))
        try:
            ex.run_export(ex.parse_args(argv))
            refused = False
        except ex.ExportError as exc:
            refused = "--overwrite" in str(exc)
        status2 = ex.run_export(ex.parse_args(argv + ["--overwrite", "--rollout-start", "3"]))
    finally:
        if real is None:
            del sys.modules["transformers"]
        else:
            sys.modules["transformers"] = real

    def check(what, ok):
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            FAILURES.append(what)

    check("run_export returned 0 twice", status == 0 and status2 == 0)
    check("an existing --out is refused without --overwrite", refused)
    check("no temporary folder left beside --out", sorted(os.listdir(parent)) == ["Tiny-Qwen2.5-VL", "bundle", "soft.npy"])
    with open(os.path.join(out, "vrs-model.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    constants = manifest["constants"]
    check("manifest kind/version/standin", (manifest["kind"], manifest["contract_version"], manifest["standin"]) == ("lvlm", 1, False))
    check("manifest modules", manifest["modules"] == {m: f for m, f, _, _ in ex.MODULES})
    check("every required constant", all(c in constants for c in ex.REQUIRED_CONSTANTS))
    expected = {"architecture": "qwen2.5-vl", "model_name": "Tiny-Qwen2.5-VL", "tokenizer": "tokenizer.json",
                "hidden_size": 64, "num_layers": 4, "num_heads": 4, "num_kv_heads": 2, "head_dim": 16,
                "vocab_size": 50, "rollout_start_layer": 3, "max_context": 4096, "patch_size": 14,
                "temporal_patch_size": 2, "merge_size": 2, "tokens_per_second": 2,
                "image_std": [0.26862954, 0.26130258, 0.27577711], "eos_token_ids": [151645, 151643],
                "image_token_id": 151655, "mrope_section": [2, 3, 3], "window_size": 112,
                "soft_prompt": {"file": "soft_prompt.f32", "rows": 3, "insert": "after_question"}}
    wrong = {k: (constants.get(k), v) for k, v in expected.items() if constants.get(k) != v}
    check(f"constant values {wrong or ''}", not wrong)
    raw = np.fromfile(os.path.join(out, "soft_prompt.f32"), dtype="<f4")
    check("soft_prompt.f32 = the rows, little-endian float32", raw.shape == (192,) and np.array_equal(raw, np.load(soft).ravel()))
    check("tokenizer.json copied", open(os.path.join(out, "tokenizer.json"), encoding="utf-8").read() == json.dumps(files["tokenizer.json"]))
    check("bundle files", sorted(os.listdir(out)) == sorted([f for _, f, _, _ in ex.MODULES] + ["tokenizer.json", "vrs-model.json", "soft_prompt.f32"]))
    return out


def test_check(parent, break_probe=False):
    """check()'s plumbing (prompt ids, embedding scatter, visual span, probe and decoder feeds, the greedy loop with
    the KV cache and the rope delta, the comparisons and the exit status) with stand-ins: an HF-like model whose
    forward / generate / get_rope_index use the loop references above, an HF-like processor, and an `onnxruntime`
    whose sessions run the eager wrappers (shown equal to ONNX Runtime by run-onnx-cases.mjs)."""
    print("check() with stand-in transformers / onnxruntime" + (" and a deliberately wrong probe:" if break_probe else ":"))
    import numpy as np
    from PIL import Image

    image_token, grid = 7, torch.tensor([[1, 4, 6]])
    n_img = 6
    ids = torch.tensor([[1, 2, 3] + [image_token] * n_img + [4, 5, 6, 8, 9]])
    ckpt = os.path.join(parent, "ckpt-" + str(break_probe))
    os.makedirs(ckpt)
    for name, content in {
        "config.json": {"model_type": "qwen2_5_vl", "image_token_id": image_token, "eos_token_id": 49},
        "preprocessor_config.json": {"image_mean": [0.5] * 3, "image_std": [0.5] * 3},
        "tokenizer.json": {},
    }.items():
        with open(os.path.join(ckpt, name), "w", encoding="utf-8") as f:
            json.dump(content, f)
    open(os.path.join(ckpt, "model.safetensors"), "wb").close()
    image_path = os.path.join(parent, "image.png")
    Image.new("RGB", (8, 8)).save(image_path)

    def rope_index(input_ids, image_grid_thw, video_grid_thw, attention_mask=None):
        pos, delta = mrope_positions(input_ids.shape[1], 3, (1, 2, 3))
        return pos, torch.tensor([[delta]])

    class FakeModel(TinyQwenVL):
        @classmethod
        def from_pretrained(cls, path, **kwargs):
            torch.manual_seed(13)
            model = cls(v25=True)
            model.config.image_token_id = image_token
            return model

        def get_output_embeddings(self):
            return self.lm_head

        def get_rope_index(self, *args, **kwargs):
            return rope_index(*args, **kwargs)

        def embed(self, input_ids, pixel_values, image_grid_thw):
            e = self.model.language_model.embed_tokens(input_ids)
            e[input_ids == image_token] = ref_vision(self.model.visual, pixel_values, image_grid_thw, True)
            return e

        def forward(self, input_ids, attention_mask, pixel_values, image_grid_thw, output_attentions, use_cache, return_dict):
            pos, _ = rope_index(input_ids, image_grid_thw, None)
            logits, attns = ref_text(self, self.embed(input_ids, pixel_values, image_grid_thw), pos)
            return types.SimpleNamespace(logits=logits, attentions=attns)

        def generate(self, input_ids, attention_mask, pixel_values, image_grid_thw, max_new_tokens, do_sample, num_beams):
            s = input_ids.shape[1]
            pos, delta = rope_index(input_ids, image_grid_thw, None)
            embeds = self.embed(input_ids, pixel_values, image_grid_thw)
            out = input_ids
            for _ in range(max_new_tokens):
                logits, _ = ref_text(self, embeds, pos)
                token = int(logits[0, -1].argmax())
                out = torch.cat([out, torch.tensor([[token]])], 1)
                if token == 49:
                    break
                embeds = torch.cat([embeds, self.model.language_model.embed_tokens(torch.tensor([[token]]))], 1)
                nxt = pos.shape[2] + int(delta)
                pos = torch.cat([pos, torch.full((3, 1, 1), nxt)], 2)
            return out

    class Feature(dict):
        def to(self, device):
            return self

    class Processor:
        @staticmethod
        def from_pretrained(path):
            return Processor()

        def apply_chat_template(self, messages, tokenize, add_generation_prompt):
            assert messages[0]["content"][0] == {"type": "image"} and add_generation_prompt and not tokenize
            return "prompt"

        def __call__(self, text, images, return_tensors):
            g = torch.Generator().manual_seed(5)
            return Feature(input_ids=ids.clone(), attention_mask=torch.ones_like(ids),
                           pixel_values=torch.randn(24, 1176, generator=g), image_grid_thw=grid.clone())

        def batch_decode(self, sequences, skip_special_tokens):
            return [" ".join(str(t) for t in seq) for seq in sequences]

    state = {}

    class Session:
        def __init__(self, path, providers):
            if "wrappers" not in state:
                state["wrappers"], _ = ex.build_wrappers(torch, state["model"], state["model"].config, "qwen2_5_vl",
                                                         state["model"].config.rollout_start)
            self.name = os.path.basename(path)[:-len(".onnx")]

        def run(self, names, feeds):
            args = [torch.from_numpy(np.ascontiguousarray(v)) for v in feeds.values()]
            with torch.no_grad():
                outs = state["wrappers"][self.name](*args)
            outs = list(outs) if isinstance(outs, tuple) else [outs]
            if break_probe and self.name == "probe":
                outs[3] = outs[3] * 1.01
            return [o.numpy() for o in outs]

    original_build = ex.build_wrappers

    def capture(torch_, model, config, model_type, rollout_start):
        state["model"] = model
        model.config.rollout_start = rollout_start
        return original_build(torch_, model, config, model_type, rollout_start)

    fake_tf = types.ModuleType("transformers")
    fake_tf.__version__ = "4.55.0"
    fake_tf.Qwen2_5_VLForConditionalGeneration = FakeModel
    fake_tf.AutoProcessor = Processor
    fake_ort = types.ModuleType("onnxruntime")
    fake_ort.InferenceSession = Session
    fake_ort.get_available_providers = lambda: ["CPUExecutionProvider"]
    saved = {k: sys.modules.get(k) for k in ("transformers", "onnxruntime")}
    sys.modules.update(transformers=fake_tf, onnxruntime=fake_ort)
    ex.build_wrappers = capture
    out = os.path.join(parent, "checked-" + str(break_probe))
    try:
        status = ex.main(["--model", ckpt, "--out", out, "--check", image_path, "--check-tokens", "5", "--rollout-start", "1"])
    finally:
        ex.build_wrappers = original_build
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    want = 1 if break_probe else 0
    ok = status == want and os.path.isdir(out) == (not break_probe)
    print(f"  {'ok  ' if ok else 'FAIL'} check() exit status {status} (want {want}), bundle {'kept' if os.path.isdir(out) else 'not written'}")
    if not ok:
        FAILURES.append(f"check() break_probe={break_probe}")


def host_bundles(folder):
    tokenizer = os.path.join(ROOT, ".vrs", "tokenizers", "qwen3", "tokenizer.json")
    if not os.path.isfile(tokenizer):
        sys.exit(f"{tokenizer} is missing: run scripts/test once (it fetches it)")
    status = 0
    for arch, model_type, cls_name in (("qwen2-vl", "qwen2_vl", "Qwen2VLForConditionalGeneration"),
                                       ("qwen2.5-vl", "qwen2_5_vl", "Qwen2_5_VLForConditionalGeneration")):
        ckpt = os.path.join(folder, "checkpoint-" + arch)
        os.makedirs(ckpt, exist_ok=True)
        with open(os.path.join(ckpt, "config.json"), "w", encoding="utf-8") as f:
            json.dump({"model_type": model_type, "image_token_id": 151655, "video_token_id": 151656,
                       "vision_start_token_id": 151652, "vision_end_token_id": 151653, "eos_token_id": 151645}, f)
        with open(os.path.join(ckpt, "preprocessor_config.json"), "w", encoding="utf-8") as f:
            json.dump({"image_mean": [0.48145466, 0.4578275, 0.40821073],
                       "image_std": [0.26862954, 0.26130258, 0.27577711],
                       "patch_size": 14, "merge_size": 2, "temporal_patch_size": 2}, f)
        with open(tokenizer, "rb") as src, open(os.path.join(ckpt, "tokenizer.json"), "wb") as dst:
            dst.write(src.read())
        open(os.path.join(ckpt, "model.safetensors"), "wb").close()
        v25 = model_type == "qwen2_5_vl"

        class Fake(TinyQwenVL):
            @classmethod
            def from_pretrained(cls, path, **kwargs):
                torch.manual_seed(1)
                return cls(v25, vocab=151936)

            def get_output_embeddings(self):
                return self.lm_head

        fake = types.ModuleType("transformers")
        fake.__version__ = "4.55.0"
        setattr(fake, cls_name, Fake)
        saved = sys.modules.get("transformers")
        sys.modules["transformers"] = fake
        try:
            status |= ex.main(["--model", ckpt, "--out", os.path.join(folder, arch), "--overwrite",
                               "--model-name", "tiny-random-" + arch])
        finally:
            if saved is None:
                sys.modules.pop("transformers", None)
            else:
                sys.modules["transformers"] = saved
    return status


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--host-bundles":
        return host_bundles(sys.argv[2])
    onnx_out = None
    if len(sys.argv) == 3 and sys.argv[1] == "--onnx-out":
        onnx_out = sys.argv[2]
    elif len(sys.argv) != 1:
        sys.exit(__doc__)
    test_golden_rollout()
    with tempfile.TemporaryDirectory() as scratch:
        for v25 in (False, True):
            test_architecture(v25, onnx_out if onnx_out is not None else scratch)
        parent = os.path.join(onnx_out if onnx_out is not None else scratch, "run_export")
        if os.path.isdir(parent):
            import shutil
            shutil.rmtree(parent)
        os.makedirs(parent)
        test_run_export(parent)
        test_check(parent)
        test_check(parent, break_probe=True)
    print(f"{len(FAILURES)} failed" + (": " + ", ".join(FAILURES) if FAILURES else ""))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
