#!/usr/bin/env python3
"""Writes tests/Vrs.Grounding.Tests/Data/qwen2-pretokenize-onig.json: how Oniguruma (the regex engine of HF
tokenizers, Debian libonig5 6.9.8 here, the version the Rust `onig` crate bundles) splits texts with Qwen2's
pre-tokenizer pattern. Fixed texts plus seeded random strings over a deliberately tricky alphabet. Usage:
    apt-get install libonig-dev && gcc -O2 scripts/dev/onig-split.c -o /tmp/onig-split -lonig
    python3 scripts/dev/gen-pretokenize-goldens.py /tmp/onig-split > tests/Vrs.Grounding.Tests/Data/qwen2-pretokenize-onig.json
"""
import json
import random
import subprocess
import sys

PATTERN = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
ALPHABET = (
    list("aZ'sStTdDmMlLrReEvV ") + [" ", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\xa0", "\u3000", "\u2028", "\u200b", "\ufeff"]
    + list("0123456789.,!?-_()[]{}<>|/\\\"#$%&*+=~`^@;:") + ["ß", "İ", "ı", "ſ", "\u212a", "é", "e\u0301", "ǅ", "ᾈ"]
    + ["视", "频", "日本", "ひら", "カタ", "한국", "\u1100\u1161", "مرحبا", "שלום", "नमस्ते", "\u0903", "ไทย"]
    + ["😀", "🐶", "👨‍👩‍👧", "🇯🇵", "👩🏽‍💻", "𝐀", "𝒳", "𠀀", "𝟏", "𐍈", "\U0001D165", "\U000E0041", "\U0010FFFD", "\ufffd", "\x01", "\x1f"]
)
FIXED = [
    "it's DON'T I'M we'VE", "'s's's 'S", "word's", "'ſ 'K", "'ſa 'Ka x'ſy 'ſt", "a  b   c", "   ", "\n\n\n", " \n ", "x \n\n y", "end   \nnext",
    "tab\t\tsep", "1234567890", "😀abc 🙂hello", "𝐀𝐁𝐂 math", "𝟏𝟐𝟑", "a\u00a0b\u3000c", "!!!\n\n", " ?!\r\n", "\r\r\n\n",
]


def main():
    rng = random.Random(20261122)
    texts = list(FIXED)
    for _ in range(600):
        texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24))))
    data = b"".join(t.encode("utf-8") + b"\0" for t in texts)
    out = subprocess.run([sys.argv[1], PATTERN], input=data, capture_output=True, check=True).stdout.decode().splitlines()
    cases = []
    for text, line in zip(texts, out):
        pieces = []
        raw = text.encode("utf-8")
        at = 0
        for item in line.split():
            n = int(item[1:])
            pieces.append(raw[at:at + n].decode("utf-8"))
            at += n
        assert at == len(raw), text
        cases.append({"text": text, "pieces": pieces})
    sys.stdout.write('{\n "reference": "Oniguruma 6.9.8 (Debian libonig5), ONIG_SYNTAX_RUBY, find_iter with Isolated gaps; scripts/dev/onig-split.c",\n')
    sys.stdout.write(' "pattern": ' + json.dumps(PATTERN) + ',\n "cases": [\n')
    sys.stdout.write(",\n".join("  " + json.dumps(c) for c in cases))
    sys.stdout.write("\n ]\n}\n")


main()
