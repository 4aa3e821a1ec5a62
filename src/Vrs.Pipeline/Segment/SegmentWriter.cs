using System.Text.Json;
using System.Text.Json.Serialization;
using Vrs.Media.IO;
using Vrs.Pipeline.Output;

namespace Vrs.Pipeline.Segment;

/// <summary>
/// Writes a finished run: mask PNGs and <c>report.json</c> in the mask folder, and the overlay, heatmaps and RLE file
/// when asked, all staged and moved into place only once every one of them is complete.
/// </summary>
public static class SegmentWriter
{
    public const string ReportFileName = "report.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(SegmentResult result, SegmentOutputs outputs, Action? frameWritten = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outputs);
        using var staging = new OutputStaging();
        var request = new MaskOutputRequest
        {
            VideoPath = result.Report.Video,
            MaskFolder = outputs.MaskFolder,
            RleFile = outputs.RleFile,
            OverlayFile = outputs.OverlayFile,
            Caption = result.Report.Query,
        };
        string folder = MaskOutputWriter.Write(staging, request, result.Masks, frameWritten, cancellationToken)!;
        if (outputs.HeatmapFolder is not null && result.Maps is not null)
        {
            HeatmapOutput.Write(staging.StageDirectory(outputs.HeatmapFolder), result.SampledFrames, result.Maps);
        }

        cancellationToken.ThrowIfCancellationRequested();
        File.WriteAllText(Path.Combine(folder, ReportFileName), ToJson(result.Report));
        staging.Commit();
    }

    public static string ToJson(SegmentReport report) => JsonSerializer.Serialize(report, s_json);
}
