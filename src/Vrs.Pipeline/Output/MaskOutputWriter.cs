using Vrs.Media;
using Vrs.Media.IO;
using Vrs.Media.Masks;
using Vrs.Media.Video;

namespace Vrs.Pipeline.Output;

/// <summary>
/// Writes a run's masks (PNG folder, COCO RLE JSON, overlay mp4) into an <see cref="OutputStaging"/>: nothing appears
/// at a final path until the caller commits the staging after everything else of the run succeeded.
/// Shared by <c>vrs track</c> and <c>vrs segment</c>.
/// </summary>
public static class MaskOutputWriter
{
    /// <returns>The staged mask folder (where a report can be added before commit), or null when none was asked.</returns>
    public static string? Write(OutputStaging staging, MaskOutputRequest request, TrackedMasks masks, Action? frameWritten = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staging);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(masks);
        string? maskFolder = request.MaskFolder is null ? null : staging.StageDirectory(request.MaskFolder);
        if (maskFolder is not null || request.RleFile is not null)
        {
            WriteFiles(staging, request, masks, maskFolder, frameWritten, cancellationToken);
        }

        if (request.OverlayFile is not null)
        {
            WriteOverlay(staging.StageFile(request.OverlayFile), request, masks, cancellationToken);
        }

        return maskFolder;
    }

    private static void WriteFiles(OutputStaging staging, MaskOutputRequest request, TrackedMasks masks, string? maskFolder, Action? frameWritten, CancellationToken cancellationToken)
    {
        using PngMaskWriter? png = maskFolder is null ? null : new PngMaskWriter(maskFolder, request.Palette, masks.Width, masks.Height);
        using CocoRleMaskWriter? rle = request.RleFile is null ? null : new CocoRleMaskWriter(staging.StageFile(request.RleFile));
        GrayImage[] images = [.. masks.Objects.Select(_ => new GrayImage(masks.Width, masks.Height))];
        for (int f = 0; f < masks.Frames.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectMask[] objects = Decode(masks, f, images);
            png?.Write(masks.Frames[f], objects);
            rle?.Write(masks.Frames[f], objects);
            frameWritten?.Invoke();
        }

        png?.Commit();
        rle?.Commit();
    }

    private static void WriteOverlay(string path, MaskOutputRequest request, TrackedMasks masks, CancellationToken cancellationToken)
    {
        using FrameSource source = FrameSource.Open(request.VideoPath, cancellationToken: cancellationToken);
        var options = new OverlayOptions { Caption = request.Caption };
        using var writer = new OverlayWriter(path, source.Width, source.Height, source.FrameRate, options, cancellationToken);
        GrayImage[] images = [.. masks.Objects.Select(_ => new GrayImage(source.Width, source.Height))];
        foreach (RgbFrame frame in source.Read(cancellationToken: cancellationToken))
        {
            writer.Write(frame, Decode(masks, frame.Index, images));
        }

        writer.Complete();
    }

    /// <summary>Frame <paramref name="f"/>'s masks decoded into <paramref name="images"/>; objects empty there are left out.</summary>
    private static ObjectMask[] Decode(TrackedMasks masks, int f, GrayImage[] images)
    {
        var objects = new List<ObjectMask>(masks.Objects.Count);
        for (int i = 0; i < masks.Objects.Count; i++)
        {
            if (masks.Objects[i].Masks[f] is { } counts)
            {
                CocoRle.CountsToMask(counts, masks.Height, masks.Width, images[i].Pixels);
                objects.Add(new ObjectMask(masks.Objects[i].ObjectId, images[i]));
            }
        }

        return [.. objects];
    }
}
