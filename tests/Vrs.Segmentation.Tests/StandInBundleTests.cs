using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation.Tests;

/// <summary>The stand-in bundle against the sam2 contract, and what a broken bundle reports.</summary>
public sealed class StandInBundleTests
{
    [Fact]
    public void The_stand_in_bundle_matches_the_sam2_contract()
    {
        BundleCheckResult result = BundleChecker.Check(TestBundle.Directory, settings: TestBundle.Sessions);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(C.Kind, result.Manifest!.Kind);
        Assert.Contains("matches its contract", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stand_in_says_it_is_a_stand_in_everywhere()
    {
        ModelManifest manifest = ModelManifest.Load(TestBundle.Directory);
        Assert.True(manifest.Standin);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestBundle.Directory, ModelManifest.FileName)));
        Assert.Contains("NOT the real model", json.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
        foreach (string module in Sam2StandIn.ModuleFiles.Values)
        {
            using InferenceSession session = InferenceSession.Open(Path.Combine(TestBundle.Directory, module), TestBundle.Sessions);
            Assert.Equal("true", session.Metadata.CustomMetadata["vrs.stand_in"]);
        }

        using Sam2Model model = TestBundle.Open();
        Assert.True(model.IsStandIn);
        Assert.Equal(7, model.Settings.NumMaskmem);
        Assert.Equal(16, model.Settings.MaxObjectPointers);
    }

    [Fact]
    public void A_bundle_with_a_wrong_module_fails_with_a_message_naming_the_file_and_the_difference()
    {
        string dir = CopyBundle("broken-module");
        var g = new GraphBuilder("wrong_memory_attention");
        GraphValue feat = g.Input(C.VisionFeat, TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        _ = g.Input(C.MemFeats, TensorElementType.Float32, ["B", "Nm", C.MemDim, C.FeatureSize, C.FeatureSize]);
        _ = g.Input(C.MemTposIdx, TensorElementType.Float32, ["Nm"]);                          // int64 in the contract
        _ = g.Input(C.ObjPtrs, TensorElementType.Float32, ["B", "P", C.HiddenDim]);
        _ = g.Input(C.ObjPtrTpos, TensorElementType.Float32, ["P"]);
        g.Output(g.Identity(feat), "pix_feat", TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);   // renamed output
        File.WriteAllBytes(Path.Combine(dir, "memory_attention.onnx"), g.Build());

        BundleCheckResult result = BundleChecker.Check(dir, settings: TestBundle.Sessions);
        Assert.False(result.IsValid);
        Assert.Contains("memory_attention.onnx`: input `mem_tpos_idx` has element type float, contract wants int64", result.Message, StringComparison.Ordinal);
        Assert.Contains("output `pix_feat_with_mem` is missing", result.Message, StringComparison.Ordinal);
        ModelContractException thrown = Assert.Throws<ModelContractException>(() => Sam2Model.Open(dir, TestBundle.Sessions));
        Assert.Contains("mem_tpos_idx", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_missing_a_constant_or_a_file_says_which()
    {
        string dir = CopyBundle("broken-manifest");
        File.Delete(Path.Combine(dir, "mask_decoder.onnx"));
        string manifest = File.ReadAllText(Path.Combine(dir, ModelManifest.FileName)).Replace("\"num_maskmem\"", "\"num_maskmem_typo\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, ModelManifest.FileName), manifest);

        BundleCheckResult result = BundleChecker.Check(dir, settings: TestBundle.Sessions);
        Assert.Contains("constant `num_maskmem` is missing", result.Message, StringComparison.Ordinal);
        Assert.Contains("mask_decoder.onnx`: file not found", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_attention_runs_with_no_object_pointers()
    {
        using InferenceSession session = InferenceSession.Open(Path.Combine(TestBundle.Directory, "memory_attention.onnx"), TestBundle.Sessions);
        using OnnxTensor<float> feat = OnnxTensor.Allocate<float>([1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        using OnnxTensor<float> memories = OnnxTensor.Allocate<float>([1, 1, C.MemDim, C.FeatureSize, C.FeatureSize]);
        memories.Span[..(3 * 4096)].Fill(0.5f);            // colour 0.5, 0.5, 0.5
        memories.Span.Slice(3 * 4096, 4096).Fill(1f);      // present
        using OnnxTensor<long> tpos = OnnxTensor.FromArray(new long[] { 6 }, 1);
        using OnnxTensor<float> pointers = OnnxTensor.Allocate<float>([1, 0, C.HiddenDim], capacity: 1);
        using OnnxTensor<float> pointerTpos = OnnxTensor.Allocate<float>([0], capacity: 1);
        using RunResult result = session.Run(
            (C.VisionFeat, feat), (C.MemFeats, memories), (C.MemTposIdx, tpos), (C.ObjPtrs, pointers), (C.ObjPtrTpos, pointerTpos));
        ReadOnlySpan<float> output = result.GetData<float>(C.PixFeatWithMem);
        Assert.Equal(0.5f, output[3 * 4096], 5);   // remembered colour
        Assert.Equal(1f, output[6 * 4096], 5);     // memory flag
    }

    private static string CopyBundle(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vrs-sam2-{name}-{Environment.ProcessId}");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        foreach (string file in Directory.GetFiles(TestBundle.Directory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }
}
