#!/usr/bin/env python3
"""Golden vectors for DecAF's rollout and map fusion, from DecAF's own code.

Usage: gen-rollout-goldens.py REF_DIR OUT_JSON

REF_DIR holds `decaf_ref.py`: DecAF's V-Max rollout loop body (model/modeling_qwen2_5_vl_custom.py) and its map
functions (evaluation/inf_utils.py gaussian_kernel, apply_gaussian_smoothing, normalize_attn_map_thw; the fusion steps
of evaluation/inference_attn_mask.py), extracted from HYUNJS/DecAF @ 6c9766c into scratch, never committed.
Run with Debian's python3 + python3-torch. The tests read OUT_JSON only.
"""
import json
import sys

import torch


def causal_softmax(heads, n, generator, sink):
    logits = torch.randn(heads, n, n, generator=generator) * 2.0
    logits[:, :, 0] += sink  # an attention sink on token 0, as LLMs have
    mask = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    logits = logits.masked_fill(mask, float("-inf"))
    return torch.softmax(logits, dim=-1)


def rollout_case(ref, name, layers, heads, n, vis_start, vis_end, seed):
    g = torch.Generator().manual_seed(seed)
    attn = [causal_softmax(heads, n, g, sink=3.0 * (h % 2)).unsqueeze(0) for h in range(layers)]
    row = ref.rollout_layers(attn, vis_start, vis_end)[0]
    return {
        "name": name,
        "heads": heads,
        "tokens": n,
        "visualStart": vis_start,
        "visualLength": vis_end - vis_start + 1,
        "layers": [[float(v) for v in a.flatten()] for a in attn],
        "lastRow": [float(v) for v in row],
    }


def fusion_case(ref, name, frames, video_hw, frame_hw, seed):
    g = torch.Generator().manual_seed(seed)
    t_video = (frames + 1) // 2
    obj_v = torch.rand(t_video, *video_hw, generator=g) * 0.02
    bg_v = torch.rand(t_video, *video_hw, generator=g) * 0.02
    obj_f = torch.rand(frames, *frame_hw, generator=g) * 0.02
    bg_f = torch.rand(frames, *frame_hw, generator=g) * 0.02
    s = [ref.get_smoothed_attn_map(m, kernel_size=k, sigma=1.0) for m, k in [(obj_v, 3), (bg_v, 3), (obj_f, 7), (bg_f, 7)]]
    fused = ref.fuse(s[0], s[2], s[1], s[3])

    def flat(m):
        return [float(v) for v in m.flatten()]

    return {
        "name": name,
        "frames": frames,
        "videoShape": [t_video, *video_hw],
        "frameShape": [frames, *frame_hw],
        "objectVideo": flat(obj_v),
        "backgroundVideo": flat(bg_v),
        "objectFrame": flat(obj_f),
        "backgroundFrame": flat(bg_f),
        "smoothedObjectVideo": flat(s[0]),
        "smoothedObjectFrame": flat(s[2]),
        "fused": flat(fused),
    }


def write_compact(doc, out):
    # One case per line; floats to 9 significant digits, which round-trips every float32.
    def shorten(v):
        if isinstance(v, float):
            return float(f"{v:.9g}")
        if isinstance(v, list):
            return [shorten(x) for x in v]
        if isinstance(v, dict):
            return {k: shorten(x) for k, x in v.items()}
        return v

    doc = shorten(doc)
    with open(out, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(doc)
        for i, key in enumerate(keys):
            value = doc[key]
            f.write(f" {json.dumps(key)}: ")
            if isinstance(value, list):
                f.write("[\n" + ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in value) + "\n ]")
            else:
                f.write(json.dumps(value, ensure_ascii=False))
            f.write(",\n" if i < len(keys) - 1 else "\n")
        f.write("}\n")


def main():
    ref_dir, out = sys.argv[1], sys.argv[2]
    sys.path.insert(0, ref_dir)
    import decaf_ref as ref

    doc = {
        "generator": "scripts/dev/gen-rollout-goldens.py",
        "reference": "HYUNJS/DecAF @ 6c9766c: model/modeling_qwen2_5_vl_custom.py (rollout), evaluation/inf_utils.py and "
                     "evaluation/inference_attn_mask.py (smoothing, contrast, normalisation, fusion); torch " + torch.__version__,
        "rollout": [
            rollout_case(ref, "2-layers-2-heads", 2, 2, 9, 2, 6, 11),
            rollout_case(ref, "3-layers-2-heads", 3, 2, 12, 3, 10, 12),
            rollout_case(ref, "4-layers-4-heads", 4, 4, 16, 1, 12, 13),
        ],
        "fusion": [
            fusion_case(ref, "odd-frames", 5, (3, 4), (6, 8), 21),
            fusion_case(ref, "even-frames", 4, (4, 3), (8, 6), 22),
            fusion_case(ref, "non-integer-scale", 3, (2, 3), (5, 7), 23),
        ],
    }
    write_compact(doc, out)


if __name__ == "__main__":
    main()
