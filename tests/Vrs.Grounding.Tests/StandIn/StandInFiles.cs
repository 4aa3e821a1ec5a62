using Vrs.Grounding.StandIn;
using Vrs.Grounding.Tokenization;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.LvlmContract;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>One stand-in lvlm bundle per test run, written by <see cref="LvlmStandIn"/>, and the ORT library the CLI would load.</summary>
internal static class StandInFiles
{
    private static readonly StandInTokenizer s_vocabulary = StandInTokenizer.Create();

    private static readonly Lazy<string> s_directory = new(() =>
    {
        OnnxRuntime.Load();
        string dir = Path.Combine(Path.GetTempPath(), "vrs-lvlm-standin-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return LvlmStandIn.Write(dir);
    });

    private static readonly Lazy<BpeTokenizer> s_tokenizer = new(() => BpeTokenizer.Load(Path.Combine(Directory, LvlmStandIn.TokenizerFile)));

    public static string Directory => s_directory.Value;

    /// <summary>The writer's view of the same tokenizer, for ids by word.</summary>
    public static StandInTokenizer Vocabulary => s_vocabulary;

    /// <summary>The bundle's tokenizer.json as the host reads it.</summary>
    public static BpeTokenizer Tokenizer => s_tokenizer.Value;

    public static SessionSettings Sessions => new() { IntraOpThreads = 1 };

    public static InferenceSession Open(string module) =>
        InferenceSession.Open(Path.Combine(Directory, LvlmStandIn.ModuleFiles[module]), Sessions);

    public static InferenceSession OpenEmbedTokens() => Open(C.EmbedTokens);

    public static InferenceSession OpenVisionEncoder() => Open(C.VisionEncoder);
}
