#!/usr/bin/env python3
"""Writes the Unicode canonical composition tables that Vrs.Grounding's NFC normaliser embeds.

.NET's string.Normalize is a no-op under InvariantGlobalization (the build policy), so the tokenizer carries its
own NFC. Data comes from Python's unicodedata (its Unicode version is written in the header). Run from the repo root:
    python3 scripts/dev/gen-nfc-table.py > src/Vrs.Grounding/Tokenization/Data/nfc.txt
Lines: `c CP CCC` (non-zero canonical combining class), `d CP CP...` (one level of canonical decomposition),
`p FIRST SECOND COMPOSITE` (a primary composite NFC recomposes). Code points in hex. Hangul is algorithmic.
"""
import sys
import unicodedata

out = sys.stdout
out.write(f"# Unicode {unicodedata.unidata_version} canonical data for NFC (scripts/dev/gen-nfc-table.py)\n")
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue
    ch = chr(cp)
    ccc = unicodedata.combining(ch)
    if ccc:
        out.write(f"c {cp:X} {ccc}\n")
    dec = unicodedata.decomposition(ch)
    if dec and not dec.startswith("<"):
        parts = [int(p, 16) for p in dec.split()]
        out.write("d " + " ".join(f"{p:X}" for p in [cp] + parts) + "\n")
        if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == ch:
            out.write(f"p {parts[0]:X} {parts[1]:X} {cp:X}\n")
