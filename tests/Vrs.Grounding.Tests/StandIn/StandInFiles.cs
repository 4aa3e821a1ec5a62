using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.StandIn;
using Vrs.Grounding.Tokenization;
using Vrs.Onnx;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>The stand-in tokenizer and graphs written once per test run, and the ORT library the CLI would load.</summary>
internal static class StandInFiles
{
    private static readonly StandInTokenizer s_vocabulary = StandInTokenizer.Create();

    private static readonly Lazy<string> s_directory = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "vrs-lvlm-standin-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "tokenizer.json"), s_vocabulary.ToJson());
        return dir;
    });

    private static readonly Lazy<BpeTokenizer> s_tokenizer = new(() => BpeTokenizer.Load(Path.Combine(s_directory.Value, "tokenizer.json")));

    public static StandInTokenizer Vocabulary => s_vocabulary;

    public static BpeTokenizer Tokenizer => s_tokenizer.Value;

    public static SessionSettings Sessions => new() { IntraOpThreads = 1 };

    public static InferenceSession OpenEmbedTokens() => Open(EmbedTokensGraph.Build(Vocabulary).Build());

    public static InferenceSession OpenVisionEncoder() => Open(VisionEncoderGraph.Build(QwenVisionConfig.Default).Build());

    private static InferenceSession Open(byte[] model)
    {
        OnnxRuntime.Load();
        return InferenceSession.FromBytes(model, Sessions);
    }
}
