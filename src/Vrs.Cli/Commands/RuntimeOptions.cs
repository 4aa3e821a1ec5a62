using System.CommandLine;
using Vrs.Onnx;

namespace Vrs.Cli.Commands;

/// <summary>
/// The option pair every command that runs a model shares: <c>--device cpu|cuda[:N]|auto</c> and
/// <c>--ort-library PATH</c>. Add them with <see cref="AddTo"/>, read them with <see cref="Read"/>.
/// </summary>
internal sealed class RuntimeOptions
{
    public Option<string> Device { get; } = new("--device")
    {
        Description = "Where models run: cpu, cuda (= cuda:0), cuda:N, or auto (CUDA if it works, else CPU, said once).",
        HelpName = "cpu|cuda[:N]|auto",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<FileInfo?> OrtLibrary { get; } = new("--ort-library")
    {
        Description = $"The ONNX Runtime library to load (default: ${OnnxRuntime.LibraryEnvironmentVariable}, then .vrs/onnxruntime/ from the set-up, then the OS loader).",
        HelpName = "PATH",
    };

    public RuntimeOptions()
    {
        Device.Validators.Add(result =>
        {
            if (!DeviceSpec.TryParse(result.GetValueOrDefault<string>(), out _, out string? error))
            {
                result.AddError(error!);
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(OrtLibrary);
    }

    public RuntimeChoice Read(ParseResult parse) =>
        new(DeviceSpec.Parse(parse.GetValue(Device) ?? "cpu"), parse.GetValue(OrtLibrary)?.FullName);
}

/// <summary>What the user chose: the device and (optionally) the library file.</summary>
internal sealed record RuntimeChoice(DeviceSpec Device, string? LibraryPath)
{
    /// <summary>Loads ONNX Runtime from the chosen library (or the default search order).</summary>
    public OnnxRuntimeInfo Load() => OnnxRuntime.Load(LibraryPath);

    public SessionSettings Settings => new() { Device = Device };
}
