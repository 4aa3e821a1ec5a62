#!/usr/bin/env python3
"""Runs the REAL official evaluation scripts on the golden datasets and writes each dataset's expected.json
(and the ReVOS mask_dict_foreground.json, made by VISA's own tools/generate_foreground_mask.py).

    python3 run_official.py --official DIR [GOLDEN_DIR]

DIR holds the fetched repositories (never committed): DIR/VISA, DIR/MeViS, DIR/VideoLISA, and an importable
pycocotools (DIR/cocoapi/PythonAPI, built in place, or pycocotools already importable). The scripts are copied to
a scratch folder and run there unchanged except for the patches listed in PATCHES (README.md explains each).
Use Debian's /usr/bin/python3 (numpy, OpenCV, scikit-image, pandas, tqdm, termcolor from apt).
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Only what is needed to get full-precision per-expression values out of scripts that keep them in memory.
DUMP = ("\n    import json as _golden_json\n"
        "    _golden_json.dump({k: [float(x) for x in v] for k, v in output_dict.items()},"
        " open(os.environ['GOLDEN_DUMP'], 'w'))\n")
PATCHES = {
    # file in its repo: [(anchor, text inserted before the anchor)]
    "VISA/tools/eval_revos.py": [("    # save average results", DUMP)],
    "VISA/tools/eval_davis17.py": [("\n    j = [output_dict[x][0] for x in output_dict]", DUMP)],
}


def git_head(repo):
    try:
        return subprocess.check_output(["git", "-C", repo, "rev-parse", "HEAD"], text=True,
                                       stderr=subprocess.DEVNULL).strip()
    except Exception:
        # a `git archive` export: the commit is written next to it in COMMIT
        try:
            with open(os.path.join(repo, "COMMIT")) as f:
                return f.read().strip()
        except OSError:
            return None


def stage(official, scratch, rel_files):
    """Copies the given official files into scratch, applying PATCHES."""
    os.makedirs(scratch, exist_ok=True)
    for rel in rel_files:
        with open(os.path.join(official, rel)) as f:
            text = f.read()
        for anchor, ins in PATCHES.get(rel, []):
            assert text.count(anchor) == 1, f"patch anchor not found once in {rel}: {anchor!r}"
            text = text.replace(anchor, ins + anchor)
        with open(os.path.join(scratch, os.path.basename(rel)), "w") as f:
            f.write(text)


def run(cmd, cwd, env):
    print("+", " ".join(cmd), file=sys.stderr)
    p = subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"official script failed: {cmd}")
    return p.stdout, p.stderr


def printed_floats(stdout):
    vals = {}
    for key in ["J", "F", "J&F"]:
        m = re.search(rf"^{re.escape(key)}: (\S+)$", stdout, re.M)
        vals[key] = float(m.group(1)) if m else None
    return vals


def source(official, repo, files):
    return {"repo": repo, "commit": git_head(os.path.join(official, repo.split("/")[1])), "files": files}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--official", required=True)
    ap.add_argument("golden", nargs="?", default=HERE)
    args = ap.parse_args()
    off, gold = os.path.abspath(args.official), os.path.abspath(args.golden)
    env = dict(os.environ)
    coco = os.path.join(off, "cocoapi", "PythonAPI")
    env["PYTHONPATH"] = coco + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONHASHSEED"] = "0"
    py = sys.executable
    with open(os.path.join(gold, "notes.json")) as f:
        notes = json.load(f)
    versions = subprocess.check_output([py, "-c", "import numpy, cv2, skimage, sys, pycocotools; "
                                        "print(sys.version.split()[0], numpy.__version__, cv2.__version__, "
                                        "skimage.__version__, pycocotools.__file__)"], env=env, text=True).split()
    environment = {"python": versions[0], "numpy": versions[1], "opencv": versions[2], "scikit-image": versions[3],
                   "pycocotools": "cocodataset/cocoapi PythonAPI @ " + str(git_head(os.path.join(off, "cocoapi")))}
    tmp = tempfile.mkdtemp(prefix="golden-official-")
    try:
        revos(off, gold, tmp, env, py, notes["revos"], environment)
        mevis(off, gold, tmp, env, py, notes["mevis"], environment)
        reasonvos(off, gold, tmp, env, py, notes["reasonvos"], environment)
        refdavis(off, gold, tmp, env, py, notes["refdavis"], environment)
        refdavis_toolkit(off, gold, tmp, env, py, notes["refdavis_toolkit"], environment)
    finally:
        shutil.rmtree(tmp)


def write_expected(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


# ---------------------------------------------------------------- ReVOS
def revos(off, gold, tmp, env, py, notes, environment):
    root = os.path.join(gold, "revos")
    work = os.path.join(tmp, "revos")
    stage(off, work, ["VISA/tools/eval_revos.py", "VISA/tools/metrics.py", "VISA/tools/generate_foreground_mask.py"])
    # mask_dict_foreground.json: made by the official generator from a scratch copy of mask_dict.json.
    shutil.copy(os.path.join(root, "mask_dict.json"), os.path.join(work, "mask_dict.json"))
    run([py, "generate_foreground_mask.py", "--meta_expression", os.path.join(root, "meta_expressions_valid_.json"),
         "--mask_dict", os.path.join(work, "mask_dict.json")], work, env)
    shutil.copy(os.path.join(work, "mask_dict_foreground.json"), os.path.join(root, "mask_dict_foreground.json"))

    e = dict(env, GOLDEN_DUMP=os.path.join(work, "dump.json"))
    out_json, out_csv = os.path.join(work, "revos_valid.json"), os.path.join(work, "revos_valid.csv")
    stdout, _ = run([py, "eval_revos.py", os.path.join(root, "pred"),
                     "--visa_exp_path", os.path.join(root, "meta_expressions_valid_.json"),
                     "--visa_mask_path", os.path.join(root, "mask_dict.json"),
                     "--visa_foreground_mask_path", os.path.join(root, "mask_dict_foreground.json"),
                     "--save_json_name", out_json, "--save_csv_name", out_csv], work, e)
    with open(out_json) as f:
        official = json.load(f)
    with open(e["GOLDEN_DUMP"]) as f:
        dump = json.load(f)
    with open(out_csv) as f:
        rows = {r["videxp"]: r for r in csv.DictReader(f)}
    with open(os.path.join(root, "meta_expressions_valid_.json")) as f:
        meta = json.load(f)["videos"]
    exps = []
    for vid, v in meta.items():
        for exp_id, x in v["expressions"].items():
            k = f"{vid}_{exp_id}"
            j, fm, a, r = dump[k]
            row = rows[k]
            exps.append({"video": vid, "exp_id": exp_id, "type_id": x["type_id"], "J": j, "F": fm, "A": a, "R": r,
                         "rounded_percent": {c: float(row[c]) for c in ["J", "F", "JF", "A", "R"]},
                         "note": notes[f"{vid}|{exp_id}"]})
    write_expected(os.path.join(root, "expected.json"), {
        "benchmark": "revos",
        "official": source(off, "cilinyan/VISA", ["tools/eval_revos.py", "tools/metrics.py",
                                                  "tools/generate_foreground_mask.py"]),
        "environment": environment,
        "invocation": "python eval_revos.py pred --visa_exp_path meta_expressions_valid_.json --visa_mask_path "
                      "mask_dict.json --visa_foreground_mask_path mask_dict_foreground.json",
        "units": "expressions[].J/F/A/R: fractions 0..1 as computed (full precision, from the script's output_dict); "
                 "rounded_percent: the script's CSV row (round(100*x, 2)); official_output: the script's "
                 "revos_valid.json verbatim (percent, means of the rounded per-expression values; 'reason' = "
                 "reasoning subset; type_id 2 excluded)",
        "official_output": official,
        "expressions": exps,
    })


# ---------------------------------------------------------------- MeViS
def mevis(off, gold, tmp, env, py, notes, environment):
    root = os.path.join(gold, "mevis")
    exp_path = os.path.join(root, "valid_u", "meta_expressions.json")
    mask_path = os.path.join(root, "valid_u", "mask_dict.json")
    pred = os.path.join(root, "pred")
    results = {}
    for name, files in [("MeViS", ["MeViS/tools/eval_mevis.py", "MeViS/tools/metrics.py"]),
                        ("VISA", ["VISA/tools/eval_mevis.py", "VISA/tools/metrics.py"]),
                        ("VideoLISA", ["VideoLISA/evaluation/mevis_val_u/eval_mevis.py",
                                       "VideoLISA/evaluation/mevis_val_u/metrics.py"])]:
        work = os.path.join(tmp, "mevis-" + name)
        stage(off, work, files)
        save = os.path.join(work, "out.json")
        if name == "VISA":
            cmd = [py, "eval_mevis.py", pred, "--mevis_exp_path", exp_path, "--mevis_mask_path", mask_path,
                   "--save_name", save]
        else:
            cmd = [py, "eval_mevis.py", "--mevis_exp_path", exp_path, "--mevis_mask_path", mask_path,
                   "--mevis_pred_path", pred, "--save_name", save]
        stdout, stderr = run(cmd, work, env)
        with open(save) as f:
            saved = json.load(f)
        results[name] = {"stdout_J_F_JF": printed_floats(stdout), "saved": saved,
                         "worker_tracebacks": stderr.count("Traceback")}
    with open(exp_path) as f:
        meta = json.load(f)["videos"]
    per = results["MeViS"]["saved"]
    exps = []
    for vid, v in meta.items():
        for exp_id in v["expressions"]:
            k = f"{vid}_{exp_id}"
            item = {"video": vid, "exp_id": exp_id}
            if k in per:
                item.update({"J": float(per[k][0]), "F": float(per[k][1]), "absent": False})
            else:
                item.update({"J": None, "F": None, "absent": True})
            item["note"] = notes[f"{vid}|{exp_id}"]
            exps.append(item)
    write_expected(os.path.join(root, "expected.json"), {
        "benchmark": "mevis",
        "official": source(off, "henghuiding/MeViS", ["tools/eval_mevis.py", "tools/metrics.py"]),
        "environment": environment,
        "invocation": "python eval_mevis.py --mevis_exp_path valid_u/meta_expressions.json --mevis_mask_path "
                      "valid_u/mask_dict.json --mevis_pred_path pred --save_name out.json",
        "units": "fractions 0..1. official_output = the J, F, J&F the MeViS script prints (means over the "
                 "expressions present in its output dict). absent = the worker process died on this expression "
                 "(missing expression folder / frame PNG) so it is not in the output and not averaged.",
        "official_output": results["MeViS"]["stdout_J_F_JF"],
        "variants": {
            "VISA tools/eval_mevis.py (" + str(git_head(os.path.join(off, "VISA"))) + ")": {
                "output": results["VISA"]["saved"],
                "what differs": "same per-expression values; writes percent rounded to 2 decimals"},
            "VideoLISA evaluation/mevis_val_u/eval_mevis.py (" + str(git_head(os.path.join(off, "VideoLISA")))
            + ")": {
                "printed": results["VideoLISA"]["stdout_J_F_JF"],
                "what differs": "a missing video folder is skipped instead of scored 0"},
        },
        "expressions": exps,
    })


# ---------------------------------------------------------------- ReasonVOS
def reasonvos(off, gold, tmp, env, py, notes, environment):
    root = os.path.join(gold, "reasonvos")
    work = os.path.join(tmp, "reasonvos")
    stage(off, work, ["VideoLISA/evaluation/reason_vos/eval_reason_vos.py",
                      "VideoLISA/evaluation/reason_vos/metrics.py"])
    save = os.path.join(work, "out.json")
    stdout, stderr = run([py, "eval_reason_vos.py", "--meta_exp_path", os.path.join(root, "meta_expressions.json"),
                          "--mask_path", os.path.join(root, "Annotations"), "--pred_path", os.path.join(root, "pred"),
                          "--save_name", save], work, env)
    with open(save) as f:
        per = json.load(f)
    with open(os.path.join(root, "meta_expressions.json")) as f:
        meta = json.load(f)["videos"]
    exps = []
    for vid, v in meta.items():
        for x in v["expressions"]:
            vid_key, exp_id = f"{v['source']}_{vid}_{x['obj_id']}", str(x["exp_id"])
            k = f"{vid_key}_{exp_id}"
            item = {"video": vid, "source": v["source"], "obj_id": x["obj_id"], "vid_key": vid_key, "exp_id": exp_id}
            if k in per:
                item.update({"J": float(per[k][0]), "F": float(per[k][1]), "counted": True})
            else:
                item.update({"J": None, "F": None, "counted": False})
            item["note"] = notes[f"{vid_key}|{exp_id}"]
            exps.append(item)
    write_expected(os.path.join(root, "expected.json"), {
        "benchmark": "reasonvos",
        "official": source(off, "showlab/VideoLISA", ["evaluation/reason_vos/eval_reason_vos.py",
                                                      "evaluation/reason_vos/metrics.py"]),
        "environment": environment,
        "invocation": "python eval_reason_vos.py --meta_exp_path meta_expressions.json --mask_path Annotations "
                      "--pred_path pred --save_name out.json",
        "units": "fractions 0..1; official_output = printed J, F, J&F (means over counted expressions). "
                 "counted=false: skipped (GT folder or prediction folder missing) or the worker died (missing "
                 "prediction frame).",
        "official_output": printed_floats(stdout),
        "worker_tracebacks": stderr.count("Traceback"),
        "expressions": exps,
    })


# ---------------------------------------------------------------- Ref-DAVIS17, VISA protocol
def refdavis(off, gold, tmp, env, py, notes, environment):
    root = os.path.join(gold, "refdavis")
    work = os.path.join(tmp, "refdavis")
    stage(off, work, ["VISA/tools/eval_davis17.py", "VISA/tools/metrics.py"])
    exp_path = os.path.join(root, "meta_expressions", "valid", "meta_expressions.json")
    outs = {}
    for kind in ["pkl", "json"]:
        e = dict(env, GOLDEN_DUMP=os.path.join(work, f"dump-{kind}.json"))
        save = os.path.join(work, f"out-{kind}.json")
        run([py, "eval_davis17.py", os.path.join(root, "pred"), "--mevis_exp_path", exp_path,
             "--mevis_mask_path", os.path.join(root, "valid", f"mask_dict.{kind}"), "--save_name", save], work, e)
        with open(save) as f, open(e["GOLDEN_DUMP"]) as g:
            outs[kind] = (json.load(f), json.load(g))
    assert outs["pkl"] == outs["json"], "mask_dict.pkl and mask_dict.json gave different results"
    official, per = outs["pkl"]
    with open(exp_path) as f:
        meta = json.load(f)["videos"]
    exps = []
    for vid, v in meta.items():
        for exp_id, x in v["expressions"].items():
            k = f"{vid}_{exp_id}"
            exps.append({"video": vid, "exp_id": exp_id, "obj_id": x["obj_id"], "J": per[k][0], "F": per[k][1],
                         "note": notes[f"{vid}|{exp_id}"]})
    write_expected(os.path.join(root, "expected.json"), {
        "benchmark": "refdavis",
        "protocol": "B: VISA tools/eval_davis17.py (per-expression, MeViS-style; not the DAVIS toolkit's "
                    "unsupervised Hungarian protocol)",
        "official": source(off, "cilinyan/VISA", ["tools/eval_davis17.py", "tools/metrics.py"]),
        "environment": environment,
        "invocation": "python eval_davis17.py pred --mevis_exp_path meta_expressions/valid/meta_expressions.json "
                      "--mevis_mask_path valid/mask_dict.pkl --save_name out.json (valid/mask_dict.json gives the "
                      "same numbers)",
        "units": "expressions[].J/F: fractions 0..1 (full precision, from output_dict); official_output: the "
                 "script's JSON verbatim (percent, round(100*mean, 2))",
        "official_output": official,
        "expressions": exps,
    })


# ---------------------------------------------------------------- Ref-DAVIS17, DAVIS-toolkit protocol
# Our own few lines: call the toolkit's DAVISEvaluation.evaluate exactly as eval_davis.py does and keep the
# per-object values at full precision (eval_davis.py writes them with float_format="%.5f").
TOOLKIT_DUMP = """
import json, sys
import numpy as np
from davis2017.evaluation import DAVISEvaluation
res = DAVISEvaluation(davis_root=sys.argv[1], task='unsupervised', gt_set='val').evaluate(sys.argv[2])
out = {m: {"M": [float(x) for x in res[m]["M"]], "R": [float(x) for x in res[m]["R"]],
           "D": [float(x) for x in res[m]["D"]],
           "M_per_object": {k: float(v) for k, v in res[m]["M_per_object"].items()}} for m in ("J", "F")}
out["global"] = {"J&F-Mean": float((np.mean(res["J"]["M"]) + np.mean(res["F"]["M"])) / 2.),
                 "J-Mean": float(np.mean(res["J"]["M"])), "J-Recall": float(np.mean(res["J"]["R"])),
                 "J-Decay": float(np.mean(res["J"]["D"])), "F-Mean": float(np.mean(res["F"]["M"])),
                 "F-Recall": float(np.mean(res["F"]["R"])), "F-Decay": float(np.mean(res["F"]["D"]))}
json.dump(out, open(sys.argv[3], "w"))
"""


def refdavis_toolkit(off, gold, tmp, env, py, notes, environment):
    root = os.path.join(gold, "refdavis_toolkit")
    work = os.path.join(tmp, "refdavis_toolkit")
    stage(off, work, ["VideoLISA/evaluation/refdavis/eval_davis.py"])
    # VideoLISA's own davis2017/ copy uses np.bool (gone in numpy 1.24); the DAVIS toolkit's package is that copy
    # with np.bool -> bool, so it is used instead.
    shutil.copytree(os.path.join(off, "davis2017-evaluation", "davis2017"), os.path.join(work, "davis2017"))
    with open(os.path.join(work, "golden_dump.py"), "w") as f:
        f.write(TOOLKIT_DUMP)
    davis = os.path.join(root, "DAVIS")
    slots = {}
    for k in range(4):
        res = os.path.join(work, f"anno_{k}")
        shutil.copytree(os.path.join(root, "results", f"anno_{k}"), res)   # the script caches CSVs in there
        stdout, _ = run([py, "eval_davis.py", "--davis_path", davis, "--results_path", res], work, env)
        dump = os.path.join(work, f"dump_{k}.json")
        run([py, "golden_dump.py", davis, os.path.join(root, "results", f"anno_{k}"), dump], work, env)
        with open(dump) as f:
            full = json.load(f)
        with open(os.path.join(res, "global_results-val.csv")) as f:
            g = next(csv.DictReader(f))
        with open(os.path.join(res, "per-sequence_results-val.csv")) as f:
            per_seq = list(csv.DictReader(f))
        slots[f"anno_{k}"] = {"global_results_csv": {c: float(v) for c, v in g.items()},
                              "per_sequence_results_csv": [{"Sequence": r["Sequence"], "J-Mean": float(r["J-Mean"]),
                                                            "F-Mean": float(r["F-Mean"])} for r in per_seq],
                              "full_precision": full}
    mean_jf = sum(s["full_precision"]["global"]["J&F-Mean"] for s in slots.values()) / 4
    write_expected(os.path.join(root, "expected.json"), {
        "benchmark": "refdavis",
        "protocol": "A: DAVIS 2017 toolkit, unsupervised task (ReferFormer / VideoLISA eval_davis.py), run once per "
                    "annotator slot results/anno_k",
        "official": {"script": source(off, "showlab/VideoLISA", ["evaluation/refdavis/eval_davis.py"]),
                     "package": source(off, "davisvideochallenge/davis2017-evaluation",
                                       ["davis2017/{davis,evaluation,metrics,results,utils}.py"])},
        "environment": environment,
        "invocation": "python eval_davis.py --davis_path DAVIS --results_path results/anno_k  (k = 0..3; default "
                      "--set val --task unsupervised)",
        "units": "fractions 0..1. Per slot: global_results_csv / per_sequence_results_csv = the CSVs the script "
                 "writes (%.5f); full_precision = DAVISEvaluation.evaluate's values (J/F M, R, D per object in "
                 "sequence order, M_per_object keyed '<seq>_<i>', global = the CSV's columns unrounded). "
                 "mean_of_slots_JF = the average of the four J&F-Mean (the number papers quote; convention, "
                 "not code).",
        "slots": slots,
        "mean_of_slots_JF": mean_jf,
        "notes": {k[0] if isinstance(k, tuple) else k.split("|")[0]: v for k, v in notes.items()},
    })


if __name__ == "__main__":
    main()
