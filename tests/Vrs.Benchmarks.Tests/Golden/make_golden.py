#!/usr/bin/env python3
"""Writes the four small synthetic golden datasets (ReVOS, MeViS, ReasonVOS, Ref-DAVIS17 VISA protocol)
in each benchmark's own on-disk layout, plus predictions that hit every edge case of the official scripts.

Own code (numpy + PIL + cv2). RLE strings come from real pycocotools `mask.encode` (put cocoapi's built
PythonAPI on PYTHONPATH). The ReVOS `mask_dict_foreground.json` and every `expected.json` are NOT made here:
`run_official.py` makes them by running the official scripts. See README.md.

Usage: python3 make_golden.py [OUT_DIR]   (default: the folder holding this file)
Deterministic: same output on every run (fixed seeds, fixed PNG encoder settings).
"""
import json
import os
import pickle
import shutil
import sys

import numpy as np
from PIL import Image
from pycocotools import mask as cocomask

HERE = os.path.dirname(os.path.abspath(__file__))

# DAVIS palette, first entries (index 0 black, 1 (128,0,0), 2 (0,128,0), 3 (128,128,0), ...).
DAVIS_PALETTE = [0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0, 0, 0, 128, 128, 0, 128, 0, 128, 128]
DAVIS_PALETTE += [0] * (768 - len(DAVIS_PALETTE))


# ---------------------------------------------------------------- masks
def ellipse(h, w, cy, cx, ry, rx):
    yy, xx = np.mgrid[:h, :w]
    return ((((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2) <= 1.0).astype(np.uint8)


def rect(h, w, y0, x0, y1, x1):
    m = np.zeros((h, w), np.uint8)
    m[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)] = 1
    return m


def shift(m, dy, dx):
    out = np.zeros_like(m)
    h, w = m.shape
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[yd, xd] = m[ys, xs]
    return out


def perturb(m, rng, dy=1, dx=-1, flips=0.01):
    """A plausible prediction: the GT shifted a little, with a few random pixels flipped."""
    p = shift(m, dy, dx)
    noise = rng.random(m.shape) < flips
    return (p ^ noise).astype(np.uint8)


def rle(m):
    r = cocomask.encode(np.asfortranarray(m.astype(np.uint8)))
    return {"size": [int(v) for v in r["size"]], "counts": r["counts"].decode("ascii")}


def rle_bytes(m):
    """As pickled by VISA's refytvos_utils.encode_anno_mask: counts stay bytes."""
    r = cocomask.encode(np.asfortranarray(m.astype(np.uint8)))
    return {"size": [int(v) for v in r["size"]], "counts": r["counts"]}


# ---------------------------------------------------------------- PNG writers
def _save(img, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img.save(path, optimize=True)


def png_gray(path, m, value=255):
    """8-bit grayscale 'L' PNG: fg pixels get `value` (255 = what the reference pipelines write)."""
    _save(Image.fromarray((m > 0).astype(np.uint8) * np.uint8(value), "L"), path)


def png_raw_gray(path, arr):
    _save(Image.fromarray(arr.astype(np.uint8), "L"), path)


def png_palette(path, labels):
    """Indexed PNG with the DAVIS palette; pixel = palette index."""
    img = Image.fromarray(labels.astype(np.uint8), "P")
    img.putpalette(DAVIS_PALETTE)
    _save(img, path)


def png_rgb(path, m, colour):
    arr = np.zeros(m.shape + (3,), np.uint8)
    arr[m > 0] = colour
    _save(Image.fromarray(arr, "RGB"), path)


def png_rgb_raw(path, arr):
    _save(Image.fromarray(arr.astype(np.uint8), "RGB" if arr.shape[2] == 3 else "RGBA"), path)


def write_json(path, obj, indent=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=indent)
        f.write("\n")


# ---------------------------------------------------------------- ReVOS
def make_revos(root):
    """VISA ReVOS layout: meta_expressions_valid_.json, mask_dict.json at the root
    (mask_dict_foreground.json is made by the official tools/generate_foreground_mask.py),
    predictions pred/<video_key>/<exp_id>/<frame>.png."""
    rng = np.random.default_rng(2024)
    videos, mask_dict, notes = {}, {}, {}
    pred = os.path.join(root, "pred")

    def add_video(key, h, w, frames, objects, expressions):
        # objects: {anno_id: [mask or None per frame, in JSON frame order]}
        for anno, per_frame in objects.items():
            assert len(per_frame) == len(frames)
            mask_dict[str(anno)] = [None if m is None else rle(m) for m in per_frame]
        videos[key] = {"vid_id": len(videos), "height": h, "width": w, "frames": frames, "expressions": {}}
        for exp_id, (text, obj_ids, anno_ids, type_id, note) in expressions.items():
            videos[key]["expressions"][exp_id] = {"exp": text, "obj_id": obj_ids, "anno_id": anno_ids,
                                                  "type_id": type_id}
            notes[(key, exp_id)] = note

    def gt_union(objects, anno_ids, t, h, w):
        g = np.zeros((h, w), np.uint8)
        for a in anno_ids:
            if objects[a][t] is not None:
                g |= objects[a][t]
        return g

    # V1: nested key, frames listed out of order, overlapping objects, absent (null) frames.
    key, h, w = "MOSE/6f1e2c0a", 48, 64
    frames = ["00010", "00000", "00005", "00020", "00015"]
    T = len(frames)
    o101 = [ellipse(h, w, 20 + t, 18 + 3 * t, 10, 12) for t in range(T)]
    o102 = [ellipse(h, w, 24, 30 + 2 * t, 12, 10) for t in range(T)]                 # overlaps o101
    o103 = [None, None] + [rect(h, w, 5, 40, 18 + t, 60) for t in range(2, T)]       # absent in 2 frames
    objs = {101: o101, 102: o102, 103: o103}
    add_video(key, h, w, frames, objs, {
        "0": ("the left blob", [1], [101], 0, "single object, 0/255 gray prediction = shifted GT + noise"),
        "1": ("what is touching the left blob", [1, 2], [101, 102], 1,
              "two overlapping objects (GT uint8 sum = 2 in the overlap -> R counts 1 per overlap pixel "
              "predicted 255); prediction 0/255 covers the union plus a false-positive bar"),
        "2": ("the box on the right", [3], [103], 0,
              "object null (absent) in 2 frames; prediction = DAVIS palette PNG, index 1 (cv2 gray 38), "
              "empty where the object is absent except one frame with a false positive"),
        "3": ("the unicorn", [], [], 2, "no-target expression (type_id 2): excluded from all aggregates"),
        "4": ("something you could sit on", [2], [102], 1, "prediction written as 0/1 gray (R counts 1 per FP)"),
        "5": ("the blob again", [1], [101], 0, "expression folder missing in pred -> official gives 0,0,0,0"),
    })
    for t, f in enumerate(frames):
        png_gray(f"{pred}/{key}/0/{f}.png", perturb(o101[t], rng))
        u = gt_union(objs, [101, 102], t, h, w) | rect(h, w, 40, 2, 44, 20)
        png_gray(f"{pred}/{key}/1/{f}.png", u)
        lab = np.zeros((h, w), np.uint8) if o103[t] is None else perturb(o103[t], rng, 0, 1, 0.0)
        if t == 1:
            lab = rect(h, w, 2, 2, 6, 8)     # FP while the object is absent
        png_palette(f"{pred}/{key}/2/{f}.png", lab)
        png_gray(f"{pred}/{key}/3/{f}.png", np.zeros((h, w), np.uint8))
        png_gray(f"{pred}/{key}/4/{f}.png", perturb(o102[t], rng, -1, 2), value=1)

    # V2: two '/' in the key; 100x75 (tolerance 0.008*125 = exactly 1.0 -> radius 1); full-image masks,
    # triple overlaps, empty anno_id list with type 1, RGB prediction, a missing frame.
    key, h, w = "TAO/Charades/ABC12", 75, 100
    frames = ["00000", "00001", "00002", "00003"]
    T = len(frames)
    full = np.ones((h, w), np.uint8)
    o201 = [ellipse(h, w, 37, 50, 20, 30), ellipse(h, w, 37, 52, 20, 30), full, ellipse(h, w, 30, 45, 25, 35)]
    o202 = [rect(h, w, 20, 20, 60, 70) for _ in range(T)]
    o203 = [rect(h, w, 30, 40, 50, 90) for _ in range(T)]                        # triple overlap with 201, 202
    objs = {201: o201, 202: o202, 203: o203}
    add_video(key, h, w, frames, objs, {
        "0": ("the big oval", [1], [201], 0,
              "GT full image in frame 2: pred full image there (J=F=1), partial elsewhere; frame 3 pred full image "
              "vs partial GT (F=0)"),
        "1": ("all three things", [1, 2, 3], [201, 202, 203], 1,
              "three overlapping objects: GT sum 3 -> (1-3)*255 mod 256 = 2 per predicted pixel in the triple "
              "overlap; prediction misses part of the union"),
        "2": ("the thing that is not there", [], [], 1,
              "type 1 (reasoning) with an EMPTY anno_id list: GT empty in every frame; prediction empty in frames "
              "0,1 (J=F=1) and non-empty in 2,3 (J=F=0)"),
        "3": ("the rectangle", [2], [202], 0,
              "RGB prediction with mixed colours: (200,30,90)->87, (0,0,1)->0 (a non-zero RGB pixel that cv2 "
              "reads as background), (4,0,0)->1, (255,255,255)->255"),
        "4": ("the oval", [1], [201], 1, "frame 00002.png missing in pred -> exception -> official gives 0,0,0,0"),
        "5": ("nothing at all", [], [], 2, "no-target with a non-empty prediction (still excluded)"),
    })
    for t, f in enumerate(frames):
        p0 = full if t in (2, 3) else perturb(o201[t], rng, 2, 1)
        png_gray(f"{pred}/{key}/0/{f}.png", p0)
        u = gt_union(objs, [201, 202, 203], t, h, w)
        png_gray(f"{pred}/{key}/1/{f}.png", u & ~rect(h, w, 0, 0, 75, 30).astype(bool) | rect(h, w, 70, 80, 75, 100))
        png_gray(f"{pred}/{key}/2/{f}.png", np.zeros((h, w), np.uint8) if t < 2 else rect(h, w, 10, 10, 20, 20))
        arr = np.zeros((h, w, 3), np.uint8)
        m = perturb(o202[t], rng, 1, 1, 0.0)
        arr[m > 0] = (200, 30, 90)
        arr[22:26, 22:40] = (0, 0, 1)
        arr[0:3, 0:10] = (4, 0, 0)
        arr[40:44, 60:64] = (255, 255, 255)
        png_rgb_raw(f"{pred}/{key}/3/{f}.png", arr)
        if f != "00002":
            png_gray(f"{pred}/{key}/4/{f}.png", o201[t])
        png_gray(f"{pred}/{key}/5/{f}.png", rect(h, w, 0, 0, 10, 10))

    # V3: the whole video folder is missing from pred -> all its expressions 0,0,0,0.
    key, h, w = "LVVIS/val_00123", 30, 40
    frames = ["00000", "00001", "00002"]
    o301 = [ellipse(h, w, 15, 10 + 5 * t, 6, 8) for t in range(3)]
    add_video(key, h, w, frames, {301: o301}, {
        "0": ("the cat", [1], [301], 0, "video folder missing in pred -> 0,0,0,0 (counted)"),
        "1": ("the pet", [1], [301], 1, "video folder missing in pred -> 0,0,0,0 (counted)"),
        "2": ("the dog", [], [], 2, "video folder missing, no-target -> excluded"),
    })

    # V4: 128x96 (radius 2): an object absent in every frame (GT empty all along), mixed gray values,
    # RGBA prediction, empty prediction against non-empty GT.
    key, h, w = "UVO/v_xyz-01", 96, 128
    frames = ["00003", "00001", "00002"]
    o401 = [None, None, None]
    o402 = [ellipse(h, w, 48, 40 + 10 * t, 25, 30) for t in range(3)]
    o403 = [ellipse(h, w, 20, 100, 12, 15), None, ellipse(h, w, 22, 98, 12, 15)]
    objs = {401: o401, 402: o402, 403: o403}
    add_video(key, h, w, frames, objs, {
        "0": ("the ghost", [1], [401], 0,
              "object null in every frame (GT empty): pred empty in 2 frames (J=F=1), full image in 1 (J=0, F=1)"),
        "1": ("the big ellipse", [2], [402], 1,
              "gray prediction with several values (255, 128, 1) inside one mask: J/F see non-zero, A and R the raw "
              "values"),
        "2": ("the small ellipse", [3], [403], 0,
              "RGBA prediction (alpha ignored by cv2 gray read; colour (0,128,0)->75, semi-transparent pixels "
              "still count); absent in frame 1 where pred is empty"),
        "3": ("the ellipse that moves", [2], [402], 1, "prediction empty in every frame vs non-empty GT: J=F=0"),
        "4": ("both ellipses", [2, 3], [402, 403], 0, "union of two objects, one absent in frame 1"),
    })
    for t, f in enumerate(frames):
        png_gray(f"{pred}/{key}/0/{f}.png", np.ones((h, w), np.uint8) if t == 2 else np.zeros((h, w), np.uint8))
        g = np.zeros((h, w), np.uint8)
        p = perturb(o402[t], rng, 3, -2, 0.02)
        g[p > 0] = 255
        g[(p > 0) & (np.arange(w)[None, :] % 3 == 0)] = 128
        g[(p > 0) & (np.arange(h)[:, None] % 5 == 0)] = 1
        png_raw_gray(f"{pred}/{key}/1/{f}.png", g)
        a = np.zeros((h, w, 4), np.uint8)
        if o403[t] is not None:
            m = perturb(o403[t], rng, 1, 0, 0.0)
            a[m > 0] = (0, 128, 0, 255)
            a[(m > 0) & (np.arange(w)[None, :] % 2 == 0)] = (0, 128, 0, 60)
        png_rgb_raw(f"{pred}/{key}/2/{f}.png", a)
        png_gray(f"{pred}/{key}/3/{f}.png", np.zeros((h, w), np.uint8))
        u = gt_union(objs, [402, 403], t, h, w)
        png_gray(f"{pred}/{key}/4/{f}.png", perturb(u, rng, -2, 2, 0.005))

    # V5: 256x144 (radius 3), ordinary good predictions for both types.
    key, h, w = "OVIS/5e6f7a8b", 144, 256
    frames = ["00000", "00001", "00002"]
    o501 = [ellipse(h, w, 70, 80 + 20 * t, 40, 50) for t in range(3)]
    o502 = [ellipse(h, w, 60, 200 - 10 * t, 30, 30) for t in range(3)]
    objs = {501: o501, 502: o502}
    add_video(key, h, w, frames, objs, {
        "0": ("the elephant", [1], [501], 0,
              "0/255 prediction inside the GT (no FP) except 3 FP pixels in frame 1: R = 1, 1-765/|FG|, 1; "
              "radius-3 tolerance"),
        "1": ("the animal that is smaller", [2], [502], 1, "good prediction, noisier"),
        "2": ("the two animals", [1, 2], [501, 502], 1, "union of two objects"),
    })
    for t, f in enumerate(frames):
        p = o501[t] & shift(o501[t], 2, 3)
        if t == 1:
            p[0, 0] = p[0, 1] = p[143, 255] = 1
        png_gray(f"{pred}/{key}/0/{f}.png", p)
        png_gray(f"{pred}/{key}/1/{f}.png", perturb(o502[t], rng, -3, 1, 0.01))
        png_gray(f"{pred}/{key}/2/{f}.png", perturb(o501[t] | o502[t], rng, 1, 1, 0.003))

    # V6: one frame, 200x100, GT full image, prediction exactly 2469 pixels: J = 0.12345, 100*J = 12.345 sits on a
    # decimal tie. The script rounds with numpy (round(np.float64, 2) = rint(x*100)/100 -> 12.34) where Python's
    # float round would give 12.35; the referring means depend on it.
    key, h, w = "MeViS/round_trap", 100, 200
    o601 = [np.ones((h, w), np.uint8)]
    add_video(key, h, w, ["00000"], {601: o601}, {
        "0": ("the whole frame", [1], [601], 0,
              "single frame, GT full image, pred 2469 px: J = 2469/20000, 100*J = 12.345 rounds to 12.34 (numpy), "
              "not 12.35 (Python float round); F = 0 (full-image GT has no boundary); R = 1 (no FP)"),
    })
    p = np.zeros(h * w, np.uint8)
    p[:2469] = 1
    png_gray(f"{pred}/{key}/0/00000.png", p.reshape(h, w))

    write_json(os.path.join(root, "meta_expressions_valid_.json"), {"videos": videos})
    write_json(os.path.join(root, "mask_dict.json"), mask_dict)
    return notes


# ---------------------------------------------------------------- MeViS
def make_mevis(root):
    """MeViS layout: valid_u/meta_expressions.json + valid_u/mask_dict.json; pred/<video>/<exp_id>/<frame>.png."""
    rng = np.random.default_rng(7)
    split = os.path.join(root, "valid_u")
    pred = os.path.join(root, "pred")
    videos, mask_dict, notes = {}, {}, {}
    next_anno = [0]

    def add_video(key, frames, objects, expressions):
        ids = {}
        for name, per_frame in objects.items():
            ids[name] = next_anno[0]
            mask_dict[str(next_anno[0])] = [None if m is None else rle(m) for m in per_frame]
            next_anno[0] += 1
        videos[key] = {"frames": frames, "expressions": {}}
        for exp_id, (text, names, note) in expressions.items():
            videos[key]["expressions"][exp_id] = {"exp": text, "obj_id": [list(objects).index(n) for n in names],
                                                  "anno_id": [ids[n] for n in names]}
            notes[(key, exp_id)] = note

    # M1 64x48: frames out of JSON order; overlap; null frames; palette; missing exp folder; missing frame.
    key, h, w = "0a1b2c3d4e", 48, 64
    frames = ["00002", "00000", "00001", "00003"]
    A = [ellipse(h, w, 20, 15 + 5 * t, 10, 12) for t in range(4)]
    B = [ellipse(h, w, 28, 30 + t, 12, 14) for t in range(4)]
    C = [rect(h, w, 3, 45, 15, 60), None, None, rect(h, w, 5, 44, 16, 62)]
    add_video(key, frames, {"A": A, "B": B, "C": C}, {
        "0": ("the left one", ["A"], "0/255 gray, shifted + noisy; frames listed 00002,00000,00001,00003 -> "
                                     "mask_dict entry i belongs to frames[i]"),
        "1": ("the two touching", ["A", "B"], "union of two overlapping objects"),
        "2": ("the box", ["C"], "object null in 2 frames; palette prediction (index 2 -> cv2 gray 75)"),
        "3": ("the thing that moves", [], "empty anno_id list + empty prediction -> J=F=1"),
        "4": ("the left one again", ["A"], "expression folder missing -> worker dies -> expression ABSENT"),
        "5": ("the right one", ["B"], "frame 00001.png missing -> worker dies -> expression ABSENT"),
    })
    for t, f in enumerate(frames):
        png_gray(f"{pred}/{key}/0/{f}.png", perturb(A[t], rng))
        png_gray(f"{pred}/{key}/1/{f}.png", perturb(A[t] | B[t], rng, 0, 2, 0.0))
        lab = np.zeros((h, w), np.uint8) if C[t] is None else perturb(C[t], rng, 1, 0, 0.0) * 2
        png_palette(f"{pred}/{key}/2/{f}.png", lab)
        png_gray(f"{pred}/{key}/3/{f}.png", np.zeros((h, w), np.uint8))
        if f != "00001":
            png_gray(f"{pred}/{key}/5/{f}.png", B[t])

    # M2 100x75: full image GT/pred, object empty everywhere, RGB prediction, 0/1 prediction.
    key, h, w = "1f2e3d4c5b", 75, 100
    frames = ["00000", "00001", "00002"]
    full = np.ones((h, w), np.uint8)
    D = [full, ellipse(h, w, 37, 50, 30, 40), ellipse(h, w, 37, 55, 30, 40)]
    E = [None, None, None]
    add_video(key, frames, {"D": D, "E": E}, {
        "0": ("the whole scene", ["D"], "frame 0 GT full + pred full (1,1); frame 1 pred full vs partial GT (F=0); "
                                        "frame 2 RGB-like colours read as gray"),
        "1": ("the invisible one", ["E"], "object null in every frame; pred empty, empty, full image -> J 1,1,0 "
                                          "F 1,1,1"),
        "2": ("the big oval", ["D"], "0/1 gray prediction (J/F only look at non-zero)"),
        "3": ("the oval in RGB", ["D"], "RGB prediction incl. (0,0,1) pixels that cv2 reads as 0"),
    })
    for t, f in enumerate(frames):
        png_gray(f"{pred}/{key}/0/{f}.png", full if t < 2 else perturb(D[t], rng, 1, 1, 0.0))
        png_gray(f"{pred}/{key}/1/{f}.png", full if t == 2 else np.zeros((h, w), np.uint8))
        png_gray(f"{pred}/{key}/2/{f}.png", perturb(D[t], rng, -1, 0, 0.01), value=1)
        arr = np.zeros((h, w, 3), np.uint8)
        arr[perturb(D[t], rng, 0, 0, 0.0) > 0] = (10, 200, 30)
        arr[0:10, 0:30] = (0, 0, 1)
        png_rgb_raw(f"{pred}/{key}/3/{f}.png", arr)

    # M3: missing video folder -> (0, 0) counted.
    key, h, w = "9z8y7x6w5v", 30, 40
    frames = ["00000", "00001"]
    F_ = [ellipse(h, w, 15, 20, 8, 8)] * 2
    add_video(key, frames, {"F": F_}, {
        "0": ("the ball", ["F"], "video folder missing -> J=F=0 (counted)"),
        "1": ("the round thing", ["F"], "video folder missing -> J=F=0 (counted)"),
    })

    # M4 128x96 (radius 2): ordinary.
    key, h, w = "77aa88bb99", 96, 128
    frames = ["00000", "00001", "00002", "00003", "00004"]
    G = [ellipse(h, w, 40 + 3 * t, 50 + 8 * t, 25, 20) for t in range(5)]
    Hm = [rect(h, w, 60, 10 + 5 * t, 90, 50 + 5 * t) for t in range(5)]
    add_video(key, frames, {"G": G, "H": Hm}, {
        "0": ("the person walking right", ["G"], "good prediction"),
        "1": ("the car", ["H"], "prediction shifted by 4 px"),
        "2": ("everything moving", ["G", "H"], "union, noisy prediction"),
    })
    for t, f in enumerate(frames):
        png_gray(f"{pred}/{key}/0/{f}.png", perturb(G[t], rng, 1, 1, 0.003))
        png_gray(f"{pred}/{key}/1/{f}.png", shift(Hm[t], 4, -4))
        png_gray(f"{pred}/{key}/2/{f}.png", perturb(G[t] | Hm[t], rng, 2, 0, 0.03))

    write_json(os.path.join(split, "meta_expressions.json"), {"videos": videos})
    write_json(os.path.join(split, "mask_dict.json"), mask_dict)
    return notes


# ---------------------------------------------------------------- ReasonVOS
def make_reasonvos(root):
    """VideoLISA ReasonVOS layout: meta_expressions.json (expressions = LIST), Annotations/<source>_<video>_<obj>/
    <frame>.png; predictions pred/<source>_<video>_<obj>/<exp_id>/<frame>.png (keyed by the mask folder)."""
    rng = np.random.default_rng(11)
    ann = os.path.join(root, "Annotations")
    pred = os.path.join(root, "pred")
    videos, notes = {}, {}

    def add(video, source, frames, exps):
        videos[video] = {"source": source, "frames": frames,
                         "expressions": [{"obj_id": o, "exp_id": e, "exp_text": txt, "is_sent": s}
                                         for (o, e, txt, s, note) in exps]}
        for (o, e, txt, s, note) in exps:
            notes[(f"{source}_{video}_{o}", str(e))] = note

    # R1 MOSE 64x48: two expressions share one mask folder; second object.
    v, src, h, w = "a1b2c3", "MOSE", 48, 64
    files = ["00000", "00005", "00010", "00015"]
    o1 = [ellipse(h, w, 24, 20 + 5 * t, 12, 14) for t in range(4)]
    o2 = [rect(h, w, 5, 40, 20, 60) if t != 2 else np.zeros((h, w), np.uint8) for t in range(4)]
    add(v, src, files, [
        (1, 0, "the dog", False, "short phrase; 0/255 GT and prediction"),
        (1, 1, "the animal that would bark at the mailman", True, "shares the mask folder with exp 0"),
        (2, 2, "the sign", False, "GT frame 00010 all zero: pred empty there (J=F=1)"),
        (2, 3, "the board", False, "pred folder missing for this exp -> SKIPPED (not counted)"),
    ])
    for t, f in enumerate(files):
        png_gray(f"{ann}/{src}_{v}_1/{f}.png", o1[t])
        png_gray(f"{ann}/{src}_{v}_2/{f}.png", o2[t])
        png_gray(f"{pred}/{src}_{v}_1/0/{f}.png", perturb(o1[t], rng))
        png_gray(f"{pred}/{src}_{v}_1/1/{f}.png", perturb(o1[t], rng, 3, 3, 0.0))
        png_gray(f"{pred}/{src}_{v}_2/2/{f}.png", perturb(o2[t], rng, 0, 1, 0.0))

    # R2 BURST with '_' in the video name; frame files named so that lexicographic order != numeric order;
    # 'frames' in the JSON lists frames the GT folder does not have (ignored: GT files decide);
    # prediction has an extra frame (ignored); a stray non-PNG file in the GT folder (ignored).
    v, src, h, w = "ArgoVerse_side_left_3", "BURST", 75, 100
    files = ["frame_9", "frame_10", "frame_11"]
    o4 = [ellipse(h, w, 30 + 3 * t, 50, 20, 25) for t in range(3)]
    add(v, src, ["frame_8", "frame_9", "frame_10", "frame_11", "frame_12"], [
        (4, 7, "the truck that is turning", True,
         "GT frames = sorted PNGs of the GT folder (frame_10, frame_11, frame_9), not meta 'frames'; extra pred "
         "frame and a stray GT readme.txt ignored; 100x75 (radius exactly 1)"),
        (4, 8, "the truck", False, "prediction with 0/1 values"),
    ])
    for t, f in enumerate(files):
        png_gray(f"{ann}/{src}_{v}_4/{f}.png", o4[t])
        png_gray(f"{pred}/{src}_{v}_4/7/{f}.png", perturb(o4[t], rng, 2, -1, 0.01))
        png_gray(f"{pred}/{src}_{v}_4/8/{f}.png", perturb(o4[t], rng, -1, -1, 0.0), value=1)
    png_gray(f"{pred}/{src}_{v}_4/7/frame_12.png", np.ones((h, w), np.uint8))
    with open(f"{ann}/{src}_{v}_4/readme.txt", "w") as fh:
        fh.write("not a mask\n")

    # R3 VIPSeg: palette GT (index 3), full-image GT and pred, RGB prediction; a missing GT folder.
    v, src, h, w = "12_abcDEF", "VIPSeg", 30, 40
    files = ["00000", "00001", "00002"]
    full = np.ones((h, w), np.uint8)
    o5 = [full, ellipse(h, w, 15, 20, 10, 12), full]
    add(v, src, files, [
        (5, 0, "the ground", False, "palette GT; frame 0 GT full & pred full (1,1); frame 2 GT full vs partial pred "
                                    "(F=0); RGB prediction"),
        (6, 1, "the sky", True, "GT folder missing -> SKIPPED (not counted), even though a prediction exists"),
    ])
    for t, f in enumerate(files):
        png_palette(f"{ann}/{src}_{v}_5/{f}.png", o5[t] * 3)
        p = full if t == 0 else perturb(o5[t] if t == 1 else ellipse(h, w, 15, 20, 13, 17), rng, 0, 1, 0.0)
        png_rgb(f"{pred}/{src}_{v}_5/0/{f}.png", p, (30, 60, 200))
        png_gray(f"{pred}/{src}_{v}_6/1/{f}.png", ellipse(h, w, 5, 20, 5, 20))

    # R4 MeViS: empty GT everywhere; missing prediction frame; 128x96.
    v, src, h, w = "f00dcafe", "MeViS", 96, 128
    files = ["00000", "00001", "00002"]
    o7 = [np.zeros((h, w), np.uint8)] * 3
    o8 = [ellipse(h, w, 48, 40 + 20 * t, 30, 25) for t in range(3)]
    add(v, src, files, [
        (7, 0, "the person who leaves", True, "GT empty in all frames; pred empty, empty, blob -> J 1,1,0"),
        (8, 1, "the fastest runner", True, "pred frame 00001.png missing -> worker dies -> expression ABSENT"),
        (8, 2, "the runner", False, "good prediction, radius 2"),
    ])
    for t, f in enumerate(files):
        png_gray(f"{ann}/{src}_{v}_7/{f}.png", o7[t])
        png_gray(f"{ann}/{src}_{v}_8/{f}.png", o8[t])
        png_gray(f"{pred}/{src}_{v}_7/0/{f}.png", np.zeros((h, w), np.uint8) if t < 2 else ellipse(h, w, 20, 20, 8, 8))
        if f != "00001":
            png_gray(f"{pred}/{src}_{v}_8/1/{f}.png", o8[t])
        png_gray(f"{pred}/{src}_{v}_8/2/{f}.png", perturb(o8[t], rng, 1, 2, 0.004))

    write_json(os.path.join(root, "meta_expressions.json"), {"videos": videos})
    return notes


# ---------------------------------------------------------------- Ref-DAVIS17 (VISA protocol B)
def make_refdavis(root):
    """VISA davis17 layout: meta_expressions/valid/meta_expressions.json (Ref-YTVOS style, obj_id a string, no
    anno_id) + valid/mask_dict.pkl (and the same content as valid/mask_dict.json). The evaluator assigns anno ids
    sequentially over sorted(videos) x sorted(exp_ids) (string sort: '10' < '2'); mask_dict is built in that
    order here, as VISA's refytvos_utils does. Predictions pred/<video>/<exp_id>/<frame>.png."""
    rng = np.random.default_rng(17)
    pred = os.path.join(root, "pred")
    videos, notes = {}, {}
    gt = {}   # video -> (h, w, frames, {obj_id: [mask per frame]})

    # JSON order deliberately not sorted (sorting decides the anno ids).
    # D1 "soapbox" 64x36 with 3 objects -> 12 expressions (exp ids 0..11: '10','11' sort before '2').
    h, w = 36, 64
    frames = [f"{i:05d}" for i in range(4)]
    objs = {"1": [ellipse(h, w, 18, 15 + 4 * t, 8, 10) for t in range(4)],
            "2": [rect(h, w, 5, 35, 20, 55) for t in range(4)],
            "3": [ellipse(h, w, 28, 40 - 3 * t, 6, 12) if t != 1 else np.zeros((h, w), np.uint8) for t in range(4)]}
    gt["soapbox"] = (h, w, frames, objs)
    # D2 "bike-packing" 200x150 (radius exactly 2): 2 objects -> 8 expressions.
    h, w = 150, 200
    frames = [f"{i:05d}" for i in range(3)]
    objs2 = {"1": [ellipse(h, w, 75, 60 + 20 * t, 40, 30) for t in range(3)],
             "2": [ellipse(h, w, 100, 150, 30, 30 + 5 * t) for t in range(3)]}
    gt["bike-packing"] = (h, w, frames, objs2)
    # D3 "dogs-jump" 40x30: predictions missing entirely -> zeros.
    h, w = 30, 40
    frames = [f"{i:05d}" for i in range(2)]
    gt["dogs-jump"] = (h, w, frames, {"1": [ellipse(h, w, 15, 20, 6, 9)] * 2})

    texts = ["a {} in the scene", "the {} that moves", "{} on the left", "the {} everyone watches"]
    for vid in ["soapbox", "bike-packing", "dogs-jump"]:
        h, w, frames, objs = gt[vid]
        exps = {}
        for k, obj in enumerate(sorted(objs, key=int)):
            for a in range(4):
                exps[str(4 * k + a)] = {"exp": texts[a].format(f"thing {obj}"), "obj_id": obj}
        videos[vid] = {"expressions": exps, "frames": frames}

    mask_dict_json, mask_dict_pkl, anno = {}, {}, 0
    for vid in sorted(videos):
        h, w, frames, objs = gt[vid]
        for exp_id in sorted(videos[vid]["expressions"]):
            obj = videos[vid]["expressions"][exp_id]["obj_id"]
            per_frame = [m if m.any() else None for m in objs[obj]]
            mask_dict_json[str(anno)] = [None if m is None else rle(m) for m in per_frame]
            mask_dict_pkl[str(anno)] = [None if m is None else rle_bytes(m) for m in per_frame]
            anno += 1

    for vid in ["soapbox", "bike-packing"]:
        h, w, frames, objs = gt[vid]
        for exp_id, e in videos[vid]["expressions"].items():
            k = int(exp_id)
            note = "prediction quality varies with the exp id"
            for t, f in enumerate(frames):
                m = objs[e["obj_id"]][t]
                if k % 4 == 0:
                    p = perturb(m, rng, 1, 1, 0.005)
                elif k % 4 == 1:
                    p = shift(m, k % 3, -(k % 5))
                elif k % 4 == 2:
                    p = objs[str(1 + (int(e["obj_id"]) % len(objs)))][t]   # the wrong object
                    note = "prediction is another object's mask (low score)"
                else:
                    p = perturb(m, rng, 0, 0, 0.05)
                if vid == "soapbox" and exp_id == "11":
                    note = "0/255 palette-free 'L' PNG written with value 1 (0/1)"
                    png_gray(f"{pred}/{vid}/{exp_id}/{f}.png", p, value=1)
                elif vid == "soapbox" and exp_id == "4":
                    note = "DAVIS palette prediction (index 1)"
                    png_palette(f"{pred}/{vid}/{exp_id}/{f}.png", p)
                else:
                    png_gray(f"{pred}/{vid}/{exp_id}/{f}.png", p)
            notes[(vid, exp_id)] = note
    for exp_id in videos["dogs-jump"]["expressions"]:
        notes[("dogs-jump", exp_id)] = "video folder missing in pred -> J=F=0 (counted)"

    write_json(os.path.join(root, "meta_expressions", "valid", "meta_expressions.json"), {"videos": videos})
    write_json(os.path.join(root, "valid", "mask_dict.json"), mask_dict_json)
    os.makedirs(os.path.join(root, "valid"), exist_ok=True)
    with open(os.path.join(root, "valid", "mask_dict.pkl"), "wb") as f:
        pickle.dump(mask_dict_pkl, f, protocol=4)
    return notes


# ---------------------------------------------------------------- Ref-DAVIS17, DAVIS-toolkit protocol (A)
def make_refdavis_toolkit(root):
    """DAVIS 2017 layout read by the DAVIS toolkit in unsupervised mode (ReferFormer / VideoLISA eval_davis.py):
    DAVIS/ImageSets/2017/val.txt, DAVIS/JPEGImages/480p/<seq>/<frame>.jpg (only counted),
    DAVIS/Annotations_unsupervised/480p/<seq>/<frame>.png (palette labels 1..N, 255 = void), and results
    results/anno_<k>/<seq>/<frame>.png (palette labels = predicted objects), one folder per annotator slot k."""
    rng = np.random.default_rng(23)
    davis = os.path.join(root, "DAVIS")
    notes = {}
    seqs = {}

    # S1 64x36, 6 frames, two objects (object 2 leaves after frame 2), a void band.
    h, w, T = 36, 64, 6
    o1 = [ellipse(h, w, 18, 12 + 5 * t, 8, 10) for t in range(T)]
    o2 = [rect(h, w, 4, 40, 20, 58) if t < 3 else np.zeros((h, w), np.uint8) for t in range(T)]
    void = rect(h, w, 30, 0, 32, 64)
    seqs["soapbox"] = (h, w, T, [o1, o2], void)
    # S2 40x30, 4 frames, one object in frame 0; a second label appears from frame 2 on (ignored: GT objects
    # are labels 1..max of the FIRST frame).
    h, w, T = 30, 40, 4
    p1 = [ellipse(h, w, 15, 12 + 3 * t, 7, 8) for t in range(T)]
    p2 = [np.zeros((h, w), np.uint8)] * 2 + [rect(h, w, 2, 28, 10, 38)] * 2
    seqs["dogs-jump"] = (h, w, T, [p1, p2], None)

    with_void = {}
    for seq, (h, w, T, objs, void) in seqs.items():
        for t in range(T):
            lab = np.zeros((h, w), np.uint8)
            for k, o in enumerate(objs):
                lab[o[t] > 0] = k + 1
            if void is not None:
                lab[void > 0] = 255
            png_palette(f"{davis}/Annotations_unsupervised/480p/{seq}/{t:05d}.png", lab)
            os.makedirs(f"{davis}/JPEGImages/480p/{seq}", exist_ok=True)
            Image.fromarray(np.full((h, w, 3), 128, np.uint8)).save(f"{davis}/JPEGImages/480p/{seq}/{t:05d}.jpg",
                                                                    quality=50)
        with_void[seq] = void
    os.makedirs(f"{davis}/ImageSets/2017", exist_ok=True)
    with open(f"{davis}/ImageSets/2017/val.txt", "w") as f:
        f.write("soapbox\ndogs-jump\n")

    def save(k, seq, t, lab):
        png_palette(f"{root}/results/anno_{k}/{seq}/{t:05d}.png", lab)

    h, w, T, (o1, o2), void = seqs["soapbox"]
    for t in range(T):
        a = perturb(o1[t], rng, 1, 0, 0.0)
        b = perturb(o2[t], rng, 0, 1, 0.0)
        save(0, "soapbox", t, a * 1 + (b & (1 - a)) * 2)                      # labels in GT order
        save(1, "soapbox", t, a * 2 + (b & (1 - a)) * 1)                      # labels swapped: Hungarian fixes it
        save(2, "soapbox", t, a * 1)                                          # one label only: zero padding
        extra = rect(h, w, 22, 45, 28, 60)
        save(3, "soapbox", t, np.where(extra > 0, 3, a * 1 + (b & (1 - a)) * 2))   # a spurious 3rd label
    h, w, T, (p1, p2), _ = seqs["dogs-jump"]
    for t in range(T):
        a = perturb(p1[t], rng, 0, 1, 0.01)
        save(0, "dogs-jump", t, a)
        save(1, "dogs-jump", t, a * 2)                                        # label 2 only (label 1 unused)
        save(2, "dogs-jump", t, np.zeros((h, w), np.uint8) if t % 2 else a)  # empty in some frames
        save(3, "dogs-jump", t, np.ones((h, w), np.uint8) if t == 0 else a)  # full image in frame 0
    notes["soapbox"] = ("anno_0 labels in GT order; anno_1 labels swapped (Hungarian matching); anno_2 one label "
                        "(zero-padded); anno_3 a spurious third label; object 2 absent after frame 2; void band "
                        "(255) excluded from J and F")
    notes["dogs-jump"] = ("GT label 2 appears only from frame 2 (not an object: GT objects = labels of the first "
                          "frame); anno_1 predicts with label 2 only; anno_2 empty in odd frames; anno_3 full image "
                          "in frame 0")
    return {(k, ""): v for k, v in notes.items()}


# ---------------------------------------------------------------- cv2 gray conversion vectors
def make_gray_vectors(path):
    """What cv2.imread(..., IMREAD_GRAYSCALE) makes of RGB / RGBA / palette / gray+alpha PNG pixels: a test vector
    for the C# PNG reader (libpng rgb_to_gray with 0.299/0.587 weights, truncating, alpha ignored)."""
    import cv2
    import tempfile
    rng = np.random.default_rng(5)
    out = {}
    tmp = tempfile.mkdtemp()
    try:
        special = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 4], [0, 0, 5], [4, 0, 0], [3, 3, 3],
                            [128, 0, 0], [0, 128, 0], [128, 128, 0], [0, 0, 128], [255, 0, 0], [0, 255, 0],
                            [0, 0, 255], [255, 255, 255], [200, 30, 90], [10, 200, 30], [30, 60, 200]], np.uint8)
        rgb = np.concatenate([special, rng.integers(0, 256, (237, 3), dtype=np.uint8)])
        rgba = rng.integers(0, 256, (256, 4), dtype=np.uint8)
        p = os.path.join(tmp, "rgb.png")
        Image.fromarray(rgb.reshape(1, -1, 3), "RGB").save(p)
        out["rgb"] = [[*map(int, c), int(g)] for c, g in zip(rgb, cv2.imread(p, cv2.IMREAD_GRAYSCALE)[0])]
        p = os.path.join(tmp, "rgba.png")
        Image.fromarray(rgba.reshape(1, -1, 4), "RGBA").save(p)
        out["rgba"] = [[*map(int, c), int(g)] for c, g in zip(rgba, cv2.imread(p, cv2.IMREAD_GRAYSCALE)[0])]
        p = os.path.join(tmp, "pal.png")
        img = Image.fromarray(np.arange(8, dtype=np.uint8).reshape(1, 8), "P")
        img.putpalette(DAVIS_PALETTE)
        img.save(p)
        out["davis_palette_index"] = [[i, int(g)] for i, g in enumerate(cv2.imread(p, cv2.IMREAD_GRAYSCALE)[0])]
    finally:
        shutil.rmtree(tmp)
    out["about"] = ("rows are [r, g, b, gray] / [r, g, b, a, gray] / [palette index, gray] as returned by "
                    f"cv2.imread(path, cv2.IMREAD_GRAYSCALE), OpenCV {cv2.__version__}")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    notes = {}
    for name, fn in [("revos", make_revos), ("mevis", make_mevis), ("reasonvos", make_reasonvos),
                     ("refdavis", make_refdavis), ("refdavis_toolkit", make_refdavis_toolkit)]:
        root = os.path.join(out, name)
        for sub in ["pred", "Annotations", "valid_u", "valid", "meta_expressions", "DAVIS", "results"]:
            shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
        os.makedirs(root, exist_ok=True)
        n = fn(root)
        notes[name] = {f"{k[0]}|{k[1]}": v for k, v in n.items()}
    make_gray_vectors(os.path.join(out, "cv2_gray_vectors.json"))
    # Per-expression notes, read by run_official.py when it writes expected.json.
    with open(os.path.join(out, "notes.json"), "w") as f:
        json.dump(notes, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
