using Vrs.Onnx.Contracts;
using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests;

/// <summary>Bundle manifests and contract checks: every mismatch reported in one message.</summary>
public sealed class ContractTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-bundles-" + Guid.NewGuid().ToString("N"));

    public ContractTests()
    {
        OnnxRuntime.Load(); // the way the CLI finds it: VRS_ORT_LIBRARY, else .vrs/onnxruntime/ above bin/
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_matching_bundle_passes_and_opens_with_one_session_per_module()
    {
        string bundle = Bundle("good", """{"kind": "vrs-test", "contract_version": 1, "standin": true, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}, "constants": {"image_size": 64, "mean": [0.5, 0.25]}}""",
            ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        BundleCheckResult result = BundleChecker.Check(bundle);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal($"{bundle}: model bundle (vrs-test contract v1) matches its contract.", result.Message);
        using ModelBundle opened = ModelBundle.Open(bundle, expectedKind: "vrs-test");
        Assert.True(opened.Manifest.Standin);
        Assert.Equal(64, opened.Manifest.GetInt64("image_size"));
        Assert.Equal([0.5, 0.25], opened.Manifest.GetDoubleArray("mean"));
        using OnnxTensor<byte> image = OnnxTensor.Allocate<byte>([1, 2, 2, 3]);
        using OnnxTensor<float> points = OnnxTensor.FromArray(new float[] { 1, 7, 4, -2 }, 1, 2, 2);
        using RunResult run = opened["probe"].Run(("image", image), ("points", points));
        Assert.Equal([7f, 4f], run.ToArray<float>("score"));
    }

    [Fact]
    public void Renamed_input_wrong_rank_wrong_type_missing_file_and_constant_are_all_in_one_message()
    {
        string bundle = Bundle("bad", """{"kind": "vrs-test", "contract_version": 1, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}}""",
            ("probe.onnx", TestGraphs.ProbeBad()));

        BundleCheckResult result = BundleChecker.Check(bundle);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "`bad/vrs-model.json`: constant `image_size` is missing from `constants`.",
                "model `bad/probe.onnx`: input `image` has element type float, contract wants uint8.",
                "model `bad/probe.onnx`: input `points` is missing (the model's inputs: `image`, `point_coords`) — renamed to `point_coords`?; contract wants float [1, N, 2].",
                "model `bad/probe.onnx`: input `point_coords` (float [N, 2]) is not in the contract, so vrs would never feed it.",
                "model `bad/probe.onnx`: output `score` has rank 1 ([N]), contract wants 2 ([1, N]).",
                $"model `bad/identity.onnx`: file not found ({Path.Combine(bundle, "identity.onnx")}).",
            ],
            result.Problems);
        Assert.StartsWith($"{bundle}: model bundle (vrs-test contract v1) does not match, 6 problems:{Environment.NewLine}  - `bad/vrs-model.json`", result.Message, StringComparison.Ordinal);
        ModelContractException error = Assert.Throws<ModelContractException>(() => ModelBundle.Open(bundle));
        Assert.Equal(result.Message, error.Message);
    }

    [Fact]
    public void Rank_and_fixed_dimension_mismatches_read_like_the_style_guide()
    {
        var contract = new ModuleContract(
            "mask_decoder",
            [new TensorContract("point_coords", TensorElementType.Float32, [1, "N", 2]), new TensorContract("image_embed", TensorElementType.Float32, [1, 256, 64, 64])],
            []);
        TensorInfo[] inputs =
        [
            new("point_coords", true, TensorElementType.Float32, [-1, 2], ["N", null]),
            new("image_embed", true, TensorElementType.Float32, [1, 128, 64, -1], [null, null, null, "W"]),
        ];

        IReadOnlyList<string> problems = BundleChecker.CheckModule(contract, inputs, [], "model `sam2/mask_decoder.onnx`");

        Assert.Equal(
            [
                "model `sam2/mask_decoder.onnx`: input `point_coords` has rank 2 ([N, 2]), contract wants 3 ([1, N, 2]).",
                "model `sam2/mask_decoder.onnx`: input `image_embed` has size 128 on axis 1 ([1, 128, 64, W]), contract wants 256 ([1, 256, 64, 64]).",
            ],
            problems);
    }

    [Fact]
    public void A_fixed_size_where_the_contract_wants_a_free_axis_is_reported()
    {
        var contract = new ModuleContract("m", [new TensorContract("x", TensorElementType.Float32, ["N", 3])], []);

        IReadOnlyList<string> problems = BundleChecker.CheckModule(contract, [new("x", true, TensorElementType.Float32, [5, 3], [null, null])], [], "model `b/m.onnx`");

        Assert.Equal(["model `b/m.onnx`: input `x` is fixed at 5 on axis 0 ([5, 3]), contract wants it free ([N, 3]); re-export with a dynamic axis."], problems);
    }

    [Fact]
    public void A_model_sized_axis_may_be_fixed_or_free_but_a_fixed_size_must_equal_its_manifest_constant()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vrs-sized-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, ModelManifest.FileName), """{"kind": "x", "contract_version": 1, "modules": {"m": "m.onnx"}, "constants": {"hidden_size": 24}}""");
            ModelManifest manifest = ModelManifest.Load(folder);
            var contract = new ModuleContract("m", [new TensorContract("x", TensorElementType.Float32, ["S", ContractDim.Sized("D", "hidden_size")])], []);

            IReadOnlyList<string> free = BundleChecker.CheckModule(contract, [new("x", true, TensorElementType.Float32, [-1, -1], ["S", "D"])], [], "model `b/m.onnx`", manifest);
            IReadOnlyList<string> same = BundleChecker.CheckModule(contract, [new("x", true, TensorElementType.Float32, [-1, 24], ["S", null])], [], "model `b/m.onnx`", manifest);
            IReadOnlyList<string> other = BundleChecker.CheckModule(contract, [new("x", true, TensorElementType.Float32, [-1, 32], ["S", null])], [], "model `b/m.onnx`", manifest);

            Assert.Empty(free);
            Assert.Empty(same);
            Assert.Equal(["model `b/m.onnx`: input `x` has size 32 on axis 1 ([S, 32]), but the manifest's `hidden_size` is 24."], other);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "vrs-model.json: not found (a model bundle is a folder with a vrs-model.json manifest).")]
    [InlineData("{ nope", "vrs-model.json: not valid JSON")]
    [InlineData("""{"contract_version": 1, "modules": {"a": "a.onnx"}}""", "vrs-model.json: `kind` is missing.")]
    [InlineData("""{"kind": "vrs-test", "contract_version": "1", "modules": {"a": "a.onnx"}}""", "vrs-model.json: `contract_version` must be a number, not string.")]
    [InlineData("""{"kind": "vrs-test", "contract_version": 1.5, "modules": {"a": "a.onnx"}}""", "vrs-model.json: `contract_version` must be a whole number >= 1, not 1.5.")]
    [InlineData("""{"kind": "vrs-test", "contract_version": 1, "modules": {"a": "../../etc/passwd"}}""", "vrs-model.json: `modules.a` (../../etc/passwd) points outside the bundle folder.")]
    [InlineData("""{"kind": "vrs-test", "contract_version": 1, "modules": {}}""", "vrs-model.json: `modules` is empty.")]
    [InlineData("""{"kind": "vrs-test", "contract_version": 1, "standin": "yes", "modules": {"a": "a.onnx"}}""", "vrs-model.json: `standin` must be true or false.")]
    public void Malformed_manifests_name_the_file_and_the_field(string? manifest, string expected)
    {
        string bundle = Bundle("m", manifest);

        BundleCheckResult result = BundleChecker.Check(bundle);

        string problem = Assert.Single(result.Problems);
        Assert.StartsWith(Path.Combine(bundle, expected), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_and_wrong_contract_version_are_reported()
    {
        string unknown = Bundle("u", """{"kind": "sam9", "contract_version": 1, "modules": {"a": "a.onnx"}}""");
        string old = Bundle("o", """{"kind": "vrs-test", "contract_version": 7, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}, "constants": {"image_size": 8}}""",
            ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        Assert.Equal(["`u/vrs-model.json`: kind `sam9` is unknown (known kinds: lvlm, sam2, vrs-test)."], BundleChecker.Check(unknown).Problems);
        Assert.Equal(
            ["`o/vrs-model.json`: contract_version is 7, this vrs expects 1 for `vrs-test` (re-export the bundle with the matching script)."],
            BundleChecker.Check(old).Problems);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_reported_with_ort_s_reason()
    {
        string bundle = Bundle("g", """{"kind": "vrs-test", "contract_version": 1, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}, "constants": {"image_size": 8}}""",
            ("probe.onnx", TestGraphs.Probe()));
        File.WriteAllText(Path.Combine(bundle, "identity.onnx"), "garbage");

        string problem = Assert.Single(BundleChecker.Check(bundle).Problems);

        Assert.StartsWith("model `g/identity.onnx`: ONNX Runtime cannot load it (InvalidProtobuf:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_refuses_a_bundle_of_another_kind()
    {
        var registry = new ContractRegistry().Register(KnownContracts.TestKind).Register(KnownContracts.TestKind with { Kind = "other" });
        string bundle = Bundle("k", """{"kind": "other", "contract_version": 1, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}, "constants": {"image_size": 8}}""",
            ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        ModelContractException error = Assert.Throws<ModelContractException>(() => ModelBundle.Open(bundle, "vrs-test", registry));

        Assert.Equal($"{bundle}: bundle kind is `other`, this command needs `vrs-test`.", error.Message);
    }

    private string Bundle(string name, string? manifest, params (string Target, byte[] Model)[] files)
    {
        string folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(folder, ModelManifest.FileName), manifest);
        }

        foreach ((string target, byte[] model) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, target), model);
        }

        return folder;
    }
}
