using System.Diagnostics;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Tokenization;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using C = Vrs.Onnx.Contracts.LvlmContract;

namespace Vrs.Grounding.Runtime;

/// <summary>
/// An opened <c>lvlm</c> bundle: its four sessions, its constants, its tokenizer and soft prompt, checked against each
/// other at load. Each method is one module run; <see cref="GreedyGenerator"/> and <see cref="AttentionProbe"/> build on them.
/// </summary>
public sealed class LvlmModel : IDisposable
{
    private readonly ModelBundle _bundle;
    private readonly float[]? _videoSoftPrompt;
    private readonly float[]? _frameSoftPrompt;
    private long _onnxTicks;

    private LvlmModel(ModelBundle bundle, LvlmSettings settings, BpeTokenizer tokenizer, QwenSpecialTokens specials, float[]? videoSoftPrompt, float[]? frameSoftPrompt)
    {
        _bundle = bundle;
        Settings = settings;
        Tokenizer = tokenizer;
        Specials = specials;
        _videoSoftPrompt = videoSoftPrompt;
        _frameSoftPrompt = frameSoftPrompt;
    }

    public ModelManifest Manifest => _bundle.Manifest;

    public LvlmSettings Settings { get; }

    public BpeTokenizer Tokenizer { get; }

    public QwenSpecialTokens Specials { get; }

    /// <summary>The soft prompt for video (or frame) prompts and its rows (rows × hidden_size), or nulls for plain prompting.</summary>
    internal (SoftPromptSpec? Spec, float[]? Rows) SoftPrompt(bool isVideo) =>
        isVideo ? (Settings.VideoSoftPrompt, _videoSoftPrompt) : (Settings.FrameSoftPrompt, _frameSoftPrompt);

    /// <summary>True for vrs's analytic stand-in bundle (never a real Qwen model); say so wherever a user sees results.</summary>
    public bool IsStandIn => _bundle.Manifest.Standin;

    /// <summary>A one-line label for progress output.</summary>
    public string Label => (IsStandIn ? "stand-in bundle (NOT a real Qwen2-VL)" : Settings.ModelName)
        + (Settings.VideoSoftPrompt is null && Settings.FrameSoftPrompt is null ? string.Empty : " (+soft prompts)");

    /// <summary>
    /// Wall time spent inside ONNX Runtime runs since this model was opened (scripts/bench-segment subtracts it to get
    /// the host's share; two timestamps per run, no allocation).
    /// </summary>
    public TimeSpan OnnxTime => Stopwatch.GetElapsedTime(0, _onnxTicks);

    /// <summary>Opens an lvlm bundle and checks sessions, constants, tokenizer and soft prompt against each other.</summary>
    /// <exception cref="ModelContractException">Sessions and constants disagree, or a module misses a contract tensor.</exception>
    /// <exception cref="ModelManifestException">A constant is missing or malformed.</exception>
    /// <exception cref="InvalidDataException">The tokenizer is not a byte-level BPE tokenizer.json, or the soft prompt file has the wrong size.</exception>
    public static LvlmModel Open(string directory, SessionSettings? sessionSettings = null)
    {
        ModelBundle bundle = ModelBundle.Open(directory, C.Kind, settings: sessionSettings);
        try
        {
            LvlmSettings settings = LvlmSettings.FromManifest(bundle.Manifest);
            string tokenizerPath = InsideBundle(bundle.Manifest, settings.TokenizerFile, "tokenizer");
            BpeTokenizer tokenizer = BpeTokenizer.Load(tokenizerPath);
            QwenSpecialTokens specials = QwenSpecialTokens.From(tokenizer); // names the file and the missing token
            if (tokenizer.VocabularySize > settings.VocabSize)
            {
                throw new ModelContractException($"{tokenizerPath}: the tokenizer has ids up to {tokenizer.VocabularySize - 1}, but the model's vocab_size is {settings.VocabSize}.");
            }

            float[]? video = settings.VideoSoftPrompt is { } v ? ReadSoftPrompt(bundle.Manifest, v, settings.HiddenSize) : null;
            float[]? frame = settings.FrameSoftPrompt is { } f ? (f == settings.VideoSoftPrompt ? video : ReadSoftPrompt(bundle.Manifest, f, settings.HiddenSize)) : null;
            return new LvlmModel(bundle, settings, tokenizer, specials, video, frame);
        }
        catch
        {
            bundle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the vision encoder on one preprocessed image or video: one row of hidden_size per merged cell. A video goes
    /// one temporal slice per run: the ViT attends only within a slice, so the rows are the same, and memory stays that
    /// of one slice instead of growing with the square of the whole video's patches.
    /// </summary>
    public float[] EncodeVision(VisionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        int merge2 = Settings.Vision.MergeSize * Settings.Vision.MergeSize;
        int slicePatches = input.Grid.Height * input.Grid.Width;
        int sliceTokens = slicePatches / merge2;
        float[] rows = new float[input.Grid.Temporal * sliceTokens * Settings.HiddenSize];
        using OnnxTensor<long> grid = OnnxTensor.FromArray<long>([1, input.Grid.Height, input.Grid.Width], 1, 3);
        for (int t = 0; t < input.Grid.Temporal; t++)
        {
            Memory<float> slice = input.PixelValues.AsMemory(t * slicePatches * C.PatchDimension, slicePatches * C.PatchDimension);
            using OnnxTensor<float> pixels = OnnxTensor.Wrap(slice, [slicePatches, C.PatchDimension]);
            using RunResult result = Run(C.VisionEncoder, [(C.PixelValues, pixels), (C.GridThw, grid)], [C.ImageEmbeds], cancellationToken);
            CheckShape(C.ImageEmbeds, result.GetShape(C.ImageEmbeds), [sliceTokens, Settings.HiddenSize]);
            result.GetData<float>(C.ImageEmbeds).CopyTo(rows.AsSpan(t * sliceTokens * Settings.HiddenSize));
        }

        return rows;
    }

    /// <summary>The input embeddings of <paramref name="ids"/>: ids.Length rows of hidden_size.</summary>
    public float[] Embed(ReadOnlySpan<int> ids, CancellationToken cancellationToken = default)
    {
        long[] values = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            values[i] = ids[i];
        }

        using OnnxTensor<long> input = OnnxTensor.FromArray(values, 1, ids.Length);
        using RunResult result = Run(C.EmbedTokens, [(C.InputIds, input)], [C.InputsEmbeds], cancellationToken);
        return CheckedArray(result, C.InputsEmbeds, [1, ids.Length, Settings.HiddenSize]);
    }

    /// <summary>The probe prefill: logits of the last position, the rollout row, the last row's attention, and the KV cache.</summary>
    public ProbeOutput Probe(float[] embeddings, long[] positionIds, int visualStart, int visualLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(positionIds);
        int length = embeddings.Length / Settings.HiddenSize;
        using OnnxTensor<float> embeds = OnnxTensor.FromArray(embeddings, 1, length, Settings.HiddenSize);
        using OnnxTensor<long> mask = OnnxTensor.FromArray(Ones(length), 1, length);
        using OnnxTensor<long> positions = OnnxTensor.FromArray(positionIds, 3, 1, length);
        using OnnxTensor<long> span = OnnxTensor.FromArray<long>([visualStart, visualLength], 2);
        using RunResult result = Run(
            C.Probe,
            [(C.InputsEmbeds, embeds), (C.AttentionMask, mask), (C.PositionIds, positions), (C.VisualSpan, span)],
            [C.Logits, C.PresentKeys, C.PresentValues, C.RolloutRow, C.QueryAttention],
            cancellationToken);
        float[] rollout = CheckedArray(result, C.RolloutRow, [1, length]);
        float[] attention = CheckedArray(result, C.QueryAttention, [Settings.RolloutLayers, Settings.NumHeads, length]);
        return new ProbeOutput(LastLogits(result, 1), rollout, attention, Cache(result, length));
    }

    /// <summary>One decoding step: the logits after <paramref name="token"/> at M-RoPE position <paramref name="position"/>, and the grown cache.</summary>
    public (float[] Logits, KvCache Cache) Decode(int token, long position, KvCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        float[] embedding = Embed([token], cancellationToken);
        int total = cache.Length + 1;
        using OnnxTensor<float> embeds = OnnxTensor.FromArray(embedding, 1, 1, Settings.HiddenSize);
        using OnnxTensor<long> mask = OnnxTensor.FromArray(Ones(total), 1, total);
        using OnnxTensor<long> positions = OnnxTensor.FromArray<long>([position, position, position], 3, 1, 1);
        using RunResult result = Run(
            C.Decoder,
            [(C.InputsEmbeds, embeds), (C.AttentionMask, mask), (C.PositionIds, positions), (C.PastKeys, cache.Keys), (C.PastValues, cache.Values)],
            [C.Logits, C.PresentKeys, C.PresentValues],
            cancellationToken);
        return (LastLogits(result, 1), Cache(result, total));
    }

    public void Dispose() => _bundle.Dispose();

    private RunResult Run(string module, ReadOnlySpan<(string Name, OnnxTensor Tensor)> inputs, string[] outputs, CancellationToken cancellationToken)
    {
        var list = new KeyValuePair<string, OnnxTensor>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            list[i] = new(inputs[i].Name, inputs[i].Tensor);
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            return _bundle[module].Run(list, outputs, cancellationToken);
        }
        finally
        {
            _onnxTicks += Stopwatch.GetTimestamp() - start;
        }
    }

    private float[] LastLogits(RunResult result, int length)
    {
        long[] shape = result.GetShape(C.Logits);
        CheckShape(C.Logits, shape, [1, length, Settings.VocabSize]);
        return result.GetData<float>(C.Logits).Slice((length - 1) * Settings.VocabSize, Settings.VocabSize).ToArray();
    }

    /// <summary>The run's present K/V taken over as they are (ORT's memory, no copy), to be fed to the next step.</summary>
    private KvCache Cache(RunResult result, int length)
    {
        long[] expected = [Settings.NumLayers, 1, Settings.NumKvHeads, length, Settings.HeadDim];
        CheckShape(C.PresentKeys, result.GetShape(C.PresentKeys), expected);
        CheckShape(C.PresentValues, result.GetShape(C.PresentValues), expected);
        return new KvCache(result.Detach(C.PresentKeys), result.Detach(C.PresentValues), length);
    }

    private float[] CheckedArray(RunResult result, string name, long[] expected)
    {
        CheckShape(name, result.GetShape(name), expected);
        return result.ToArray<float>(name);
    }

    private void CheckShape(string name, long[] actual, long[] expected)
    {
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new ModelContractException($"{Manifest.Directory}: output `{name}` came back with shape [{string.Join(", ", actual)}]; the lvlm contract with this manifest's constants says [{string.Join(", ", expected)}]. Re-create the bundle (export script or `vrs models standin`).");
        }
    }

    private static long[] Ones(int length)
    {
        long[] ones = new long[length];
        Array.Fill(ones, 1L);
        return ones;
    }

    private static string InsideBundle(ModelManifest manifest, string relative, string what)
    {
        string full = Path.GetFullPath(Path.Combine(manifest.Directory, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(manifest.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ModelManifestException($"{Path.Combine(manifest.Directory, ModelManifest.FileName)}: the {what} file ({relative}) points outside the bundle folder.");
        }

        return File.Exists(full) ? full : throw new FileNotFoundException($"{full}: the bundle's {what} file is missing.", full);
    }

    private static float[] ReadSoftPrompt(ModelManifest manifest, SoftPromptSpec spec, int hiddenSize)
    {
        string path = InsideBundle(manifest, spec.File, "soft prompt");
        long expected = (long)spec.Rows * hiddenSize * sizeof(float);
        long actual = new FileInfo(path).Length;
        if (actual != expected)
        {
            throw new InvalidDataException($"{path}: {actual} bytes, but {spec.Rows} rows × hidden_size {hiddenSize} float32 need {expected}.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        float[] rows = new float[spec.Rows * hiddenSize];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = BitConverter.ToSingle(bytes, i * sizeof(float)); // little-endian on every platform .NET runs vrs on
        }

        if (!rows.All(float.IsFinite))
        {
            throw new InvalidDataException($"{path}: the soft prompt holds NaN or infinite values.");
        }

        return rows;
    }
}

/// <summary>
/// All layers' keys and values, [num_layers, 1, num_kv_heads, Length, head_dim] each, left in ONNX Runtime's memory:
/// a step's present cache is the next step's past without a copy (≈ 170 MB each way per step for a 7B model at 3,000 tokens).
/// </summary>
public sealed class KvCache : IDisposable
{
    internal KvCache(OnnxTensor keys, OnnxTensor values, int length)
    {
        Keys = keys;
        Values = values;
        Length = length;
    }

    internal OnnxTensor Keys { get; }

    internal OnnxTensor Values { get; }

    public int Length { get; }

    public void Dispose()
    {
        Keys.Dispose();
        Values.Dispose();
    }
}

/// <summary>What the probe prefill returns: next-token logits, DecAF's rollout row (one value per position), the last row's attention [R, H, S], and the cache (owned; disposed with this).</summary>
public sealed record ProbeOutput(float[] LastLogits, float[] RolloutRow, float[] QueryAttention, KvCache Cache) : IDisposable
{
    public void Dispose() => Cache.Dispose();
}
