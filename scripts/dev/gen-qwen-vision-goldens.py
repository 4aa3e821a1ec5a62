#!/usr/bin/env python3
"""Golden vectors for Qwen2-VL / Qwen2.5-VL preprocessing, chat template, M-RoPE position ids and frame sampling.

Usage: gen-qwen-vision-goldens.py REF_DIR OUT_JSON

REF_DIR holds `qwen_ref.py` (functions extracted, not committed, from qwen-vl-utils `vision_process.py`,
transformers `image_processing_qwen2_vl.py` and transformers v4.49 `get_rope_index`) and `chat_template.jinja`
(Qwen2-VL's chat_template.json). Run with Debian's python3 + python3-numpy, python3-pil (Pillow), python3-torch,
python3-jinja2. The tests never run this script; they read OUT_JSON.

Test images are synthetic and defined by `synthetic_pixel` so the C# tests rebuild them byte for byte.
"""
import hashlib
import json
import sys

import numpy as np
from PIL import Image


def synthetic_pixel(x, y, c, seed):
    # Integer-only so C# reproduces it exactly: smooth gradients plus a high-frequency term that stresses rounding.
    return (x * x * 3 + y * 17 + c * 71 + x * y * 5 + seed * 29 + ((x * 7 + y * 13) % 11) * 19) % 256


def synthetic_image(width, height, seed):
    a = np.zeros((height, width, 3), dtype=np.uint8)
    for y in range(height):
        for x in range(width):
            for c in range(3):
                a[y, x, c] = synthetic_pixel(x, y, c, seed)
    return Image.fromarray(a, "RGB")


def samples(flat, count, seed):
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, flat.shape[0], size=count)
    cols = rng.integers(0, flat.shape[1], size=count)
    return [[int(r), int(c), float(flat[r, c])] for r, c in zip(rows, cols)]


def vision_case(ref, name, kind, width, height, seeds, min_pixels, max_pixels, resized_size=None):
    frames = [synthetic_image(width, height, s) for s in seeds]
    if kind == "image":
        resized = [ref.fetch_image(frames[0], min_pixels, max_pixels, resized=resized_size)]
    else:
        resized = ref.fetch_video_list(frames, min_pixels, max_pixels)
    # The released Qwen2-VL preprocessor_config.json limits (its second smart_resize is then the identity).
    flat, grid = ref.hf_preprocess(resized, min_pixels=3136, max_pixels=12845056)
    rw, rh = resized[0].size
    return {
        "name": name,
        "kind": kind,
        "width": width,
        "height": height,
        "seeds": seeds,
        "minPixels": min_pixels,
        "maxPixels": max_pixels,
        "requestedSize": list(resized_size) if resized_size else None,
        "resizedWidth": rw,
        "resizedHeight": rh,
        "grid": list(grid),
        "resizedSha256": [hashlib.sha256(np.array(im).tobytes()).hexdigest() for im in resized[: len(seeds)]],
        "rowSums": [float(v) for v in flat.astype(np.float64).sum(axis=1)],
        "firstRow": [float(v) for v in flat[0]],
        "samples": samples(flat, 256, 1234 + len(name)),
    }


def rope_cases(ref, torch):
    V_START, V_END, IMG, VID = 151652, 151653, 151655, 151656
    cases = []

    def block(pad, grid):
        t, h, w = grid
        return [V_START] + [pad] * (t * (h // 2) * (w // 2)) + [V_END]

    def add(name, ids, images, videos, seconds, qwen2):
        kwargs = {}
        if images:
            kwargs["image_grid_thw"] = torch.tensor(images)
        if videos:
            kwargs["video_grid_thw"] = torch.tensor(videos)
        if seconds is not None:
            kwargs["second_per_grid_ts"] = torch.tensor(seconds)
        pos, delta = ref.get_rope_index(torch.tensor(ids), qwen2=qwen2, **kwargs)
        cases.append({
            "name": name,
            "inputIds": ids,
            "imageGrids": images,
            "videoGrids": videos,
            "secondsPerGrid": seconds,
            "qwen2": qwen2,
            "positions": pos.tolist(),
            "ropeDelta": int(delta),
        })

    text = list(range(100, 112))
    add("qwen2-image", text[:5] + block(IMG, (1, 4, 6)) + text[5:9], [[1, 4, 6]], [], None, True)
    add("qwen2-video", text[:3] + block(VID, (3, 4, 4)) + text[:5], [], [[3, 4, 4]], None, True)
    add("qwen25-video-fps2", text[:3] + block(VID, (4, 6, 4)) + text[:7], [], [[4, 6, 4]], [1.0], False)
    add("qwen25-video-fps3", text[:2] + block(VID, (5, 4, 2)) + text[:4], [], [[5, 4, 2]], [2.0 / 3.0], False)
    add("qwen25-video-fps1.3", text[:2] + block(VID, (6, 2, 4)) + text[:4], [], [[6, 2, 4]], [2.0 / 1.3], False)
    add("qwen25-two-images-and-video",
        text[:4] + block(IMG, (1, 2, 4)) + text[4:6] + block(VID, (2, 4, 2)) + text[6:8] + block(IMG, (1, 6, 2)) + text[8:11],
        [[1, 2, 4], [1, 6, 2]], [[2, 4, 2]], [0.5], False)
    add("qwen25-image-wide-grid", text[:1] + block(IMG, (1, 2, 12)) + text[:3], [[1, 2, 12]], [], None, False)
    add("text-only", text[:6], [], [], None, False)
    return cases


def template_cases(ref_dir):
    import jinja2
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(open(f"{ref_dir}/chat_template.jinja", encoding="utf-8").read())

    def expand(text, image_tokens, video_tokens):
        # processing_qwen2_vl.py: each pad, in order, becomes grid.prod() // merge² pads.
        for n in image_tokens:
            text = text.replace("<|image_pad|>", "<|placeholder|>" * n, 1)
        text = text.replace("<|placeholder|>", "<|image_pad|>")
        for n in video_tokens:
            text = text.replace("<|video_pad|>", "<|placeholder|>" * n, 1)
        return text.replace("<|placeholder|>", "<|video_pad|>")

    cases = []

    def add(name, messages, image_tokens, video_tokens, add_generation_prompt=True, add_vision_id=False):
        rendered = template.render(messages=messages, add_generation_prompt=add_generation_prompt, add_vision_id=add_vision_id)
        cases.append({
            "name": name,
            "messages": messages,
            "addGenerationPrompt": add_generation_prompt,
            "addVisionId": add_vision_id,
            "imageTokens": image_tokens,
            "videoTokens": video_tokens,
            "rendered": rendered,
            "expanded": expand(rendered, image_tokens, video_tokens),
        })

    add("video-then-text", [{"role": "user", "content": [{"type": "video"}, {"type": "text", "text": "the dog that jumps over the fence. \nWhat is the main object?"}]}], [], [6])
    add("image-then-text", [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "Describe the background scene of the video, excluding any dog."}]}], [4], [])
    add("system-given", [{"role": "system", "content": [{"type": "text", "text": "You are a helpful assistant."}]},
                         {"role": "user", "content": [{"type": "video"}, {"type": "text", "text": "Où est le chat ? 猫"}]}], [], [2])
    add("two-images-vision-id", [{"role": "user", "content": [{"type": "image"}, {"type": "image"}, {"type": "text", "text": "Compare."}]}], [1, 3], [], True, True)
    add("text-only-no-generation-prompt", [{"role": "user", "content": [{"type": "text", "text": "Given:\n- Expression: 'x'"}]}], [], [], False)
    return cases


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
    import qwen_ref
    import torch

    vision = [
        vision_case(qwen_ref, "image-84x56-identity", "image", 84, 56, [1], 3136, 12845056),
        vision_case(qwen_ref, "image-100x37-default", "image", 100, 37, [2], 3136, 12845056),
        vision_case(qwen_ref, "image-100x37-min-upscale", "image", 100, 37, [3], 64 * 28 * 28, 12845056),
        vision_case(qwen_ref, "image-300x200-max-downscale", "image", 300, 200, [4], 3136, 16 * 28 * 28),
        vision_case(qwen_ref, "image-30x250-tall", "image", 30, 250, [5], 3136, 12845056),
        vision_case(qwen_ref, "video-120x90-4frames", "video", 120, 90, [6, 7, 8, 9], 3136, 400 * 28 * 28),
        vision_case(qwen_ref, "video-64x48-3frames-min-upscale", "video", 64, 48, [10, 11, 12], 128 * 28 * 28, 768 * 28 * 28),
        vision_case(qwen_ref, "video-854x480-2frames-decaf", "video", 854, 480, [13, 14], 3136, 400 * 28 * 28),
        # DecAF frame mode: resized_height/width = twice the video grid (here a 3×4 merged grid of a 100×75 frame, plus an odd request).
        vision_case(qwen_ref, "image-100x75-decaf-frame-size", "image", 100, 75, [15], 3136, 12845056, (2 * 3 * 28, 2 * 4 * 28)),
        vision_case(qwen_ref, "image-64x64-requested-odd-size", "image", 64, 64, [16], 3136, 12845056, (100, 45)),
    ]
    smart = []
    for h, w, mn, mx in [(480, 854, 3136, 400 * 784), (480, 854, 3136, 12845056), (37, 100, 3136, 12845056),
                         (10, 11, 3136, 12845056), (1080, 1920, 3136, 768 * 784), (14, 2800, 3136, 12845056),
                         (42, 70, 3136, 12845056), (70, 42, 3136, 12845056), (99, 99, 128 * 784, 768 * 784),
                         (720, 1280, 3136, 16384 * 784), (5000, 40, 3136, 12845056), (1, 150, 3136, 12845056),
                         (720, 1280, 3136, 400 * 784), (1080, 1920, 3136, 400 * 784), (360, 640, 3136, 400 * 784),
                         (480, 640, 3136, 400 * 784), (1080, 1920, 3136, 12845056), (2160, 3840, 3136, 16384 * 784),
                         (700, 700, 3136, 400 * 784), (56, 56, 3136, 3136), (27, 27, 3136, 3136), (29, 83, 3136, 12845056)]:
        rh, rw = qwen_ref.smart_resize(h, w, 28, mn, mx)
        smart.append({"height": h, "width": w, "minPixels": mn, "maxPixels": mx, "resizedHeight": rh, "resizedWidth": rw})
    linspace = []
    for n, k in [(100, 16), (17, 16), (16, 16), (5, 16), (1000, 16), (7, 3), (300, 8), (31, 16), (2, 2), (1234, 7)]:
        idx = list(range(n)) if n <= k else np.linspace(0, n - 1, k).astype(int).tolist()
        linspace.append({"frames": n, "count": k, "indices": idx})
    doc = {
        "generator": "scripts/dev/gen-qwen-vision-goldens.py",
        "reference": {
            "smart_resize/fetch_image/fetch_video(list)": "qwen-vl-utils vision_process.py, gzpeng1984/Qwen2.5-VL @ 1a3995319509496337cc261e8d34216a5dd865e2",
            "image processor": "transformers image_processing_qwen2_vl.py @ 009f63767e29b1012055277f4b3d0e2de3beeaff (+ repeat-last-frame padding of later releases)",
            "get_rope_index": "transformers v4.49 modeling_qwen2_5_vl.py, as copied in SitongGong/Veason-R1 verl/models/transformers/qwen2_5_vl.py @ 28b00003ab14c4ebe1b3a19c9efb91da551a866c; qwen2=true drops the temporal scaling as Qwen2-VL's does",
            "chat template": "Qwen2-VL chat_template.json (the 'official_chat_template' string), rendered with jinja2 trim_blocks/lstrip_blocks as transformers does",
            "frame sampling": "DecAF evaluation/inference_attn_mask.py: np.linspace(0, n-1, N).astype(int), all frames when n <= N",
            "pillow": __import__("PIL").__version__,
            "numpy": np.__version__,
            "torch": torch.__version__,
        },
        "smartResize": smart,
        "vision": vision,
        "rope": rope_cases(qwen_ref, torch),
        "template": template_cases(ref_dir),
        "frameSampling": linspace,
    }
    write_compact(doc, out)


if __name__ == "__main__":
    main()
