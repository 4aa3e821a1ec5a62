#!/usr/bin/env python3
"""Driver for scripts/bench-eval (own code; numpy + OpenCV from Debian, no pycocotools needed to build data).

  bench_eval.py make DIR [--videos N --frames N --exps N --seed S]
      writes a synthetic ReVOS-layout set at 1280x720 into DIR (meta_expressions_valid_.json, mask_dict.json,
      mask_dict_foreground.json, pred/<video>/<exp>/<frame>.png as 0/255 gray PNGs); DIR/.complete marks it done.
  bench_eval.py stage-official OFFICIAL_DIR WORKDIR WORKERS
      copies VISA tools/eval_revos.py + tools/metrics.py into WORKDIR, sets NUM_WOEKERS = WORKERS and adds one
      line that dumps the per-expression values; prints the PYTHONPATH entry that makes pycocotools importable.
  bench_eval.py compare OFFICIAL_JSON OFFICIAL_DUMP VRS_JSON FRAMES OFFICIAL_TIME VRS_TIME OFFICIAL_RSS VRS_RSS
      side-by-side table, per-expression check (1e-6), speed ratio; exit 1 on any mismatch.
"""
import json
import os
import shutil
import sys

import numpy as np

H, W = 720, 1280


# ---------------------------------------------------------------- COCO RLE (own encoder, cocoapi maskApi.c format)
def rle_encode(mask):
    """Column-major run lengths starting with a 0-run, written as cocoapi's compressed string."""
    flat = np.asarray(mask, dtype=bool).T.ravel()
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    runs = np.diff(np.concatenate(([0], change, [flat.size]))).tolist()
    if flat.size and flat[0]:
        runs = [0] + runs
    out = []
    for i, x in enumerate(runs):
        if i > 2:
            x -= runs[i - 2]
        more = True
        while more:
            c = x & 0x1F
            x >>= 5
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            out.append(chr(c + 48))
    return {"size": [int(mask.shape[0]), int(mask.shape[1])], "counts": "".join(out)}


# ---------------------------------------------------------------- synthetic masks
def blob(rng, cy, cx, ry, rx, phase, grid):
    """An ellipse whose radius wobbles with the angle: a plausible object outline."""
    yy, xx = grid
    ang = np.arctan2((yy - cy) / ry, (xx - cx) / rx)
    wob = 1.0 + 0.12 * np.sin(3 * ang + phase) + 0.06 * np.sin(5 * ang - 2 * phase)
    return (((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2) <= wob ** 2


def predict(rng, gt, cv2):
    """Perturbed GT as a real model would give it: slightly dilated or eroded, shifted, with a false blob now and
    then, and sometimes empty."""
    r = rng.random()
    if r < 0.04:
        return np.zeros_like(gt, dtype=np.uint8)
    p = gt.astype(np.uint8)
    k = int(rng.integers(1, 11))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1, 2 * k + 1))
    p = cv2.dilate(p, kernel) if rng.random() < 0.5 else cv2.erode(p, kernel)
    dy, dx = (int(v) for v in rng.integers(-24, 25, 2))
    p = np.roll(p, (dy, dx), axis=(0, 1))
    if rng.random() < 0.2:
        cy, cx = int(rng.integers(60, H - 60)), int(rng.integers(60, W - 60))
        cv2.circle(p, (cx, cy), int(rng.integers(10, 50)), 1, -1)
    return p


def make(out, videos=30, frames=20, exps=5, seed=1):
    import cv2
    rng = np.random.default_rng(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    grid = np.mgrid[:H, :W].astype(np.float32)
    meta, mask_dict, foreground = {}, {}, {}
    anno = 0
    sources = ["MOSE", "MeViS", "LVVIS", "OVIS", "TAO", "UVO"]
    n_frames = 0
    for v in range(videos):
        key = f"{sources[v % len(sources)]}/{v:04d}_{rng.integers(1 << 30):08x}"
        fnames = [f"{5 * t:05d}" for t in range(frames)]
        # 3 objects per video, moving; object 2 leaves the scene for a while (null RLE)
        objs = []
        for o in range(3):
            cy, cx = rng.uniform(150, H - 150), rng.uniform(200, W - 200)
            vy, vx = rng.uniform(-6, 6), rng.uniform(-10, 10)
            ry, rx = rng.uniform(40, 150), rng.uniform(50, 200)
            ph = rng.uniform(0, 6.28)
            absent = set(range(int(rng.integers(1, max(frames - 3, 2))), frames)) if o == 2 and v % 3 == 0 else set()
            masks = [None if t in absent else blob(rng, cy + vy * t, cx + vx * t, ry, rx, ph + 0.2 * t, grid)
                     for t in range(frames)]
            objs.append((anno, masks))
            mask_dict[str(anno)] = [None if m is None else rle_encode(m) for m in masks]
            anno += 1
        choices = [[0], [1], [2], [0, 1], [0, 1, 2], [1, 2]]
        expressions = {}
        for e in range(exps):
            sel = choices[int(rng.integers(len(choices)))]
            expressions[str(e)] = {"exp": f"synthetic expression {e}", "obj_id": sel,
                                   "anno_id": [objs[i][0] for i in sel], "type_id": e % 2}
        meta[key] = {"vid_id": v, "height": H, "width": W, "frames": fnames, "expressions": expressions}
        # foreground = OR of every object an expression of this video refers to (VISA generate_foreground_mask.py)
        used = sorted({a for x in expressions.values() for a in x["anno_id"]})
        rles, ratios = [], []
        for t in range(frames):
            fg = np.zeros((H, W), bool)
            for a, masks in objs:
                if a in used and masks[t] is not None:
                    fg |= masks[t]
            rles.append(rle_encode(fg))
            ratios.append(float(fg.sum()) / (H * W))
        foreground[key] = {"masks_rle": rles, "foreground_ratio": ratios}
        for e, x in expressions.items():
            d = os.path.join(out, "pred", key, e)
            os.makedirs(d)
            for t, f in enumerate(fnames):
                gt = np.zeros((H, W), bool)
                for a, masks in objs:
                    if a in x["anno_id"] and masks[t] is not None:
                        gt |= masks[t]
                cv2.imwrite(os.path.join(d, f + ".png"), predict(rng, gt, cv2) * 255)
                n_frames += 1
        print(f"bench-eval: video {v + 1}/{videos} written", file=sys.stderr, flush=True)
    for name, obj in [("meta_expressions_valid_.json", {"videos": meta}), ("mask_dict.json", mask_dict),
                      ("mask_dict_foreground.json", foreground)]:
        with open(os.path.join(out, name), "w") as f:
            json.dump(obj, f)
    with open(os.path.join(out, ".complete"), "w") as f:
        json.dump({"videos": videos, "frames": frames, "exps": exps, "seed": seed, "frame_evaluations": n_frames}, f)


# ---------------------------------------------------------------- official side
DUMP = ("\n    import json as _bench_json\n"
        "    _bench_json.dump({k: [float(x) for x in v] for k, v in output_dict.items()},"
        " open(os.environ['BENCH_DUMP'], 'w'))\n")


def stage_official(official, work, workers):
    tools = None
    for cand in [os.path.join(official, "VISA", "tools"), os.path.join(official, "tools")]:
        if os.path.isfile(os.path.join(cand, "eval_revos.py")) and os.path.isfile(os.path.join(cand, "metrics.py")):
            tools = cand
            break
    if tools is None:
        sys.exit(f"bench-eval: error: no VISA tools/eval_revos.py + tools/metrics.py under {official} "
                 "(expected DIR/VISA/tools/ or DIR/tools/; fetch cilinyan/VISA there yourself)")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(tools, "eval_revos.py")) as f:
        text = f.read()
    for anchor in ["NUM_WOEKERS = 128", "    # save average results"]:
        if text.count(anchor) != 1:
            sys.exit(f"bench-eval: error: {tools}/eval_revos.py is not the known VISA version (no {anchor!r})")
    text = text.replace("NUM_WOEKERS = 128", f"NUM_WOEKERS = {int(workers)}")
    text = text.replace("    # save average results", DUMP + "    # save average results")
    with open(os.path.join(work, "eval_revos.py"), "w") as f:
        f.write(text)
    shutil.copy(os.path.join(tools, "metrics.py"), os.path.join(work, "metrics.py"))
    for cand in [os.path.join(official, "cocoapi", "PythonAPI"), os.path.join(official, "PythonAPI"), official]:
        if os.path.isdir(os.path.join(cand, "pycocotools")):
            print(cand)
            return
    print("")   # rely on a pycocotools already importable by this python


# ---------------------------------------------------------------- comparison
def compare(official_json, official_dump, vrs_json, frames, t_off, t_vrs, rss_off, rss_vrs, cpu_off="0",
            cpu_vrs="0"):
    with open(official_json) as f:
        off = json.load(f)
    with open(official_dump) as f:
        dump = json.load(f)
    frames = int(frames)
    ok = True
    vrs = None
    if vrs_json != "-" and os.path.exists(vrs_json):
        with open(vrs_json) as f:
            vrs = json.load(f)
    names = [("referring", "referring"), ("reason", "reasoning"), ("overall", "overall")]
    print()
    print(f"{'subset':<10} {'metric':<3} {'official':>14} {'vrs':>14} {'|diff|':>10}")
    for on, vn in names:
        for m in ["J", "F", "JF", "R", "A"]:
            o = off[on][m]
            if vrs is not None:
                v = vrs.get("subsets", {}).get(vn, {}).get(m)
                if v is None:
                    print(f"{vn:<10} {m:<3} {o:>14.6f} {'missing':>14}")
                    ok = False
                    continue
                d = abs(o - v)
                ok &= d <= 1e-6
                print(f"{vn:<10} {m:<3} {o:>14.6f} {v:>14.6f} {d:>10.2e}{'' if d <= 1e-6 else '  MISMATCH'}")
            else:
                print(f"{vn:<10} {m:<3} {o:>14.6f} {'-':>14}")
    if vrs is not None:
        per = {(x["video"], str(x["exp_id"])): x for x in vrs.get("expressions", [])}
        worst, bad, rounded = 0.0, 0, 0
        for k, vals in dump.items():
            vid, exp = k.rsplit("_", 1)
            x = per.get((vid, exp))
            if x is None:
                bad += 1
                continue
            for name, o in zip(["J", "F", "A", "R"], vals):
                if name not in x:
                    continue
                d = abs(100 * o - x[name])
                if d > 1e-6 and abs(round(100 * o, 2) - x[name]) <= 1e-9:
                    rounded += 1
                    d = 0.0
                worst = max(worst, d)
                bad += d > 1e-6
        print(f"\nper expression: {len(dump)} official, {len(per)} vrs, worst |diff| {worst:.2e} (percent), "
              f"{bad} mismatches" + (f", {rounded} values matched only after 2-decimal rounding" if rounded else ""))
        ok &= bad == 0 and len(per) == len(dump)
    t_off, t_vrs = float(t_off), (float(t_vrs) if t_vrs not in ("", "-") else None)
    print(f"\n{'side':<10} {'wall s':>9} {'ms/frame':>9} {'frames/s':>9} {'CPU s':>9} {'CPU ms/frame':>13} "
          f"{'peak RSS MB':>12}")
    for name, t, cpu, rss in [("official", t_off, cpu_off, rss_off), ("vrs", t_vrs, cpu_vrs, rss_vrs)]:
        if t is None:
            continue
        cpu = float(cpu)
        print(f"{name:<10} {t:>9.2f} {1000 * t / frames:>9.3f} {frames / t:>9.1f} {cpu:>9.2f} "
              f"{1000 * cpu / frames:>13.3f} {int(rss) / 1024:>12.0f}")
    if t_vrs is not None:
        print(f"\nspeed-up: {t_off / t_vrs:.1f}x wall (official / vrs; target >= 30x), "
              f"{float(cpu_off) / max(float(cpu_vrs), 1e-9):.1f}x CPU time")
    print(f"frame evaluations: {frames}")
    if vrs is not None:
        print("scores: " + ("identical (<= 1e-6)" if ok else "DIFFERENT"))
    return 0 if ok else 1


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "make":
        import argparse
        ap = argparse.ArgumentParser(prog="bench_eval.py make")
        ap.add_argument("dir")
        ap.add_argument("--videos", type=int, default=30)
        ap.add_argument("--frames", type=int, default=20)
        ap.add_argument("--exps", type=int, default=5)
        ap.add_argument("--seed", type=int, default=1)
        a = ap.parse_args(argv[2:])
        make(a.dir, a.videos, a.frames, a.exps, a.seed)
        return 0
    if cmd == "stage-official":
        stage_official(*argv[2:5])
        return 0
    if cmd == "compare":
        return compare(*argv[2:12])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
