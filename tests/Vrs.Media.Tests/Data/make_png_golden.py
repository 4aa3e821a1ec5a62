"""Writes the test PNGs under png/ and png_golden.txt with what cv2 and PIL read from each.

Run with a Python that has numpy, OpenCV and Pillow (Debian: /usr/bin/python3 with python3-opencv, python3-pil):
    /usr/bin/python3 make_png_golden.py
Each line of png_golden.txt: file width height <cv2.imread(IMREAD_GRAYSCALE) hex> <np.array(PIL.Image.open) hex or ->.
The hand-written encoder below covers what PIL/OpenCV cannot write: every filter type, Adam7, split IDAT, 1/2/4-bit.
"""
import os
import struct
import zlib

import cv2
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "png")
rng = np.random.default_rng(20261122)
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_row(samples, bit_depth):
    """samples: 1-D array of channel samples for one row."""
    if bit_depth == 16:
        return samples.astype(">u2").tobytes()
    if bit_depth == 8:
        return samples.astype(np.uint8).tobytes()
    per = 8 // bit_depth
    padded = np.zeros(((len(samples) + per - 1) // per) * per, dtype=np.int64)
    padded[: len(samples)] = samples
    out = bytearray()
    for i in range(0, len(padded), per):
        b = 0
        for v in padded[i : i + per]:
            b = (b << bit_depth) | int(v)
        out.append(b)
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(kind, row, prior, bpp):
    out = bytearray(len(row))
    for i in range(len(row)):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (row[i] - pred) & 0xFF
    return bytes(out)


def encode(pixels, bit_depth, color_type, palette=None, interlace=False, idat_pieces=1, extra=b""):
    """pixels: H x W x channels (or H x W) array of sample values."""
    if pixels.ndim == 2:
        pixels = pixels[:, :, None]
    h, w, ch = pixels.shape
    bpp = max(1, ch * bit_depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    raw = bytearray()
    row_index = 0
    for x0, y0, dx, dy in passes:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        prior = bytes(len(pack_row(sub[0].reshape(-1), bit_depth)))
        for r in range(sub.shape[0]):
            row = pack_row(sub[r].reshape(-1), bit_depth)
            kind = row_index % 5  # cycle through all five filters
            raw.append(kind)
            raw += filter_row(kind, row, prior, bpp)
            prior = row
            row_index += 1
    data = zlib.compress(bytes(raw), 9)
    cuts = np.linspace(0, len(data), idat_pieces + 1).astype(int)
    idats = b"".join(chunk(b"IDAT", data[cuts[i] : cuts[i + 1]]) for i in range(idat_pieces))
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    plte = chunk(b"PLTE", bytes(palette)) if palette is not None else b""
    text = chunk(b"tEXt", b"Comment\0vrs test")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + text + plte + extra + idats + chunk(b"IEND", b"")


def davis_palette():
    """The DAVIS/PASCAL VOC colour map (bit-interleaved index bits)."""
    pal = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        pal += [r, g, b]
    return pal


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []
    w, h = 13, 7

    def hand(name, bit_depth, color_type, channels, interlace=False, pieces=1, palette_entries=0, extra=b""):
        top = (1 << bit_depth) - 1
        if color_type == 3:
            top = palette_entries - 1
        px = rng.integers(0, top + 1, (h, w, channels))
        pal = None
        if color_type == 3:
            pal = rng.integers(0, 256, palette_entries * 3).tolist()
        cases.append((name, encode(px, bit_depth, color_type, pal, interlace, pieces, extra)))

    for bd in (1, 2, 4, 8, 16):
        hand(f"gray{bd}", bd, 0, 1)
        hand(f"gray{bd}_adam7", bd, 0, 1, interlace=True)
    for bd in (1, 2, 4, 8):
        hand(f"palette{bd}", bd, 3, 1, palette_entries=1 << bd)
        hand(f"palette{bd}_adam7", bd, 3, 1, interlace=True, palette_entries=1 << bd)
    hand("palette8_trns", 8, 3, 1, palette_entries=200, extra=chunk(b"tRNS", bytes(range(0, 200, 2))))
    hand("gray8_trns", 8, 0, 1, extra=chunk(b"tRNS", b"\x00\x07"))
    for bd in (8, 16):
        hand(f"rgb{bd}", bd, 2, 3)
        hand(f"rgb{bd}_adam7", bd, 2, 3, interlace=True)
        hand(f"rgba{bd}", bd, 6, 4)
        hand(f"rgba{bd}_adam7", bd, 6, 4, interlace=True)
        hand(f"grayalpha{bd}", bd, 4, 2)
        hand(f"grayalpha{bd}_adam7", bd, 4, 2, interlace=True, pieces=3)
    hand("rgb8_split_idat", 8, 2, 3, pieces=7)
    # Tiny images exercise the empty Adam7 passes.
    for tw, th in ((1, 1), (2, 3), (5, 1)):
        px = rng.integers(0, 256, (th, tw, 3))
        cases.append((f"rgb8_adam7_{tw}x{th}", encode(px, 8, 2, interlace=True)))

    # Files written the way prediction masks are written in practice.
    mask = np.zeros((h, w), np.uint8)
    mask[2:5, 3:11] = 255
    for name, mode, arr in (
        ("pil_L", "L", mask),
        ("pil_1", "1", mask > 0),
        ("pil_rgb", "RGB", rng.integers(0, 256, (h, w, 3), dtype=np.uint8)),
        ("pil_rgba", "RGBA", rng.integers(0, 256, (h, w, 4), dtype=np.uint8)),
        ("pil_LA", "LA", rng.integers(0, 256, (h, w, 2), dtype=np.uint8)),
    ):
        buf = os.path.join(OUT, name + ".png")
        Image.fromarray(arr, mode if mode != "1" else None).convert(mode).save(buf)
        cases.append((name, None))
    ids = (mask > 0).astype(np.uint8) * 2
    ids[0, 0] = 1
    im = Image.fromarray(ids, "P")
    im.putpalette(davis_palette())
    im.save(os.path.join(OUT, "pil_P_davis.png"))
    cases.append(("pil_P_davis", None))
    i16 = rng.integers(0, 65536, (h, w), dtype=np.uint16)
    cv2.imwrite(os.path.join(OUT, "cv2_gray16.png"), i16)
    cases.append(("cv2_gray16", None))
    cv2.imwrite(os.path.join(OUT, "cv2_gray.png"), mask)
    cases.append(("cv2_gray", None))
    cv2.imwrite(os.path.join(OUT, "cv2_bgr.png"), rng.integers(0, 256, (h, w, 3), dtype=np.uint8))
    cases.append(("cv2_bgr", None))
    cv2.imwrite(os.path.join(OUT, "cv2_bgra16.png"), rng.integers(0, 65536, (h, w, 4), dtype=np.uint16))
    cases.append(("cv2_bgra16", None))

    lines = []
    for name, data in cases:
        path = os.path.join(OUT, name + ".png")
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
        gray = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        assert gray is not None, name
        pil = np.array(Image.open(path))
        raw = "-"
        if pil.ndim == 2 and pil.dtype in (np.uint8, np.bool_):
            raw = pil.astype(np.uint8).tobytes().hex()
        lines.append(f"{name}.png {gray.shape[1]} {gray.shape[0]} {gray.tobytes().hex()} {raw}")

    # Two full-size 0/255 masks of a disc (centre row 300, column 500, radius 200) as prediction masks are saved.
    yy, xx = np.mgrid[0:720, 0:1280]
    disc = (((xx - 500) ** 2 + (yy - 300) ** 2) <= 200 * 200).astype(np.uint8) * 255
    cv2.imwrite(os.path.join(OUT, "disc_cv2.png"), disc)
    Image.fromarray(disc, "L").save(os.path.join(OUT, "disc_pil.png"))
    for name in ("disc_cv2", "disc_pil"):
        assert (cv2.imread(os.path.join(OUT, name + ".png"), cv2.IMREAD_GRAYSCALE) == disc).all()

    with open(os.path.join(HERE, "png_golden.txt"), "w") as f:
        f.write("# file width height cv2.imread(IMREAD_GRAYSCALE)-hex PIL-np.array-hex|- (written by make_png_golden.py, "
                f"OpenCV {cv2.__version__}, Pillow {Image.__version__})\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
