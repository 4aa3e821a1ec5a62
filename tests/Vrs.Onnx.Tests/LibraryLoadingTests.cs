using Vrs.Onnx.Native;

namespace Vrs.Onnx.Tests;

/// <summary>The search order and the message when nothing loads.</summary>
public sealed class LibraryLoadingTests
{
    [Fact]
    public void Search_order_is_flag_then_variable_then_setup_folder_then_os_loader()
    {
        string root = Path.Combine(Path.GetTempPath(), "vrs-load-" + Guid.NewGuid().ToString("N"));
        string app = Path.Combine(root, ".vrs", "app");
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(Path.Combine(root, ".vrs", "onnxruntime"));
        File.WriteAllBytes(Path.Combine(root, ".vrs", "onnxruntime", "libonnxruntime.so.1"), []);
        try
        {
            IReadOnlyList<LibraryCandidate> candidates = OrtLibrary.Candidates("/opt/ort/libonnxruntime.so.1", app);

            string[] sources = [.. candidates.Select(c => c.Source).Where(s => s != OrtLibrary.EnvironmentVariable)];
            Assert.Equal(["--ort-library", "set-up folder", "OS loader", "OS loader"], sources);
            Assert.Equal(Path.Combine(root, ".vrs", "onnxruntime", "libonnxruntime.so.1"), candidates.Single(c => c.Source == "set-up folder").Path);
            Assert.Equal(["libonnxruntime.so.1", "libonnxruntime.so"], candidates.Where(c => c.IsBareName).Select(c => c.Path));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_explicit_path_that_fails_stops_the_search_and_the_error_says_what_to_do()
    {
        OnnxRuntimeNotFoundException error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibrary.Load("/nonexistent/libonnxruntime.so.1"));

        Assert.Single(error.Attempts);
        Assert.Equal("--ort-library: /nonexistent/libonnxruntime.so.1 — no such file", error.Attempts[0]);
        Assert.Contains("scripts/vrs doctor", error.Message, StringComparison.Ordinal);
        Assert.Contains("VRS_ORT_LIBRARY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_onnx_runtime_is_refused()
    {
        string libc = File.Exists("/lib/x86_64-linux-gnu/libc.so.6") ? "/lib/x86_64-linux-gnu/libc.so.6" : "/usr/lib/x86_64-linux-gnu/libc.so.6";

        OnnxRuntimeNotFoundException error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibrary.Load(libc));

        Assert.Contains("has no OrtGetApiBase export", error.Attempts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_again_with_the_loaded_path_is_fine_and_a_different_one_is_refused()
    {
        OnnxRuntimeInfo info = OnnxRuntime.Load();

        Assert.Same(info, OnnxRuntime.Load(info.LibraryPath));
        Assert.Throws<InvalidOperationException>(() => OnnxRuntime.Load("/somewhere/else/libonnxruntime.so.1"));
    }
}
