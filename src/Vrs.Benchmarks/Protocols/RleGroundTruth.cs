using Vrs.Benchmarks.Datasets;
using Vrs.Media;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// Builds a frame's ground truth the way the ReVOS and MeViS scripts do: the uint8 SUM of the decoded masks of
/// the expression's objects (null = absent in that frame), so pixels where two objects overlap hold 2.
/// Masks stay in COCO's column-major order (the transposed frame): every metric is invariant under transposition,
/// so the protocols transpose the one prediction instead of every ground-truth mask.
/// </summary>
internal static class RleGroundTruth
{
    public static void AddObjects(
        IReadOnlyList<IReadOnlyList<RleFrame?>> objects,
        IReadOnlyList<int> annoIds,
        int frameIndex,
        string maskDictPath,
        string predictionPath,
        int width,
        int height,
        Span<byte> sum)
    {
        for (int k = 0; k < objects.Count; k++)
        {
            IReadOnlyList<RleFrame?> frames = objects[k];
            if (frameIndex >= frames.Count)
            {
                throw new InvalidDataException(
                    $"{maskDictPath}: entry \"{annoIds[k]}\" has {frames.Count} frames but the video lists more (frame {frameIndex} is needed)");
            }

            if (frames[frameIndex] is { } rle)
            {
                Add(rle, maskDictPath, $"entry \"{annoIds[k]}\", frame {frameIndex}", predictionPath, width, height, sum);
            }
        }
    }

    /// <summary>The foreground pixel count of <paramref name="rle"/>, after the same size check as <see cref="Add"/>.</summary>
    public static ulong CountForeground(RleFrame rle, string maskDictPath, string where, string predictionPath, int width, int height)
    {
        CheckSize(rle, maskDictPath, where, predictionPath, width, height);
        try
        {
            return CocoRle.CountForeground(rle.Counts, height, width);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{maskDictPath}: {where}: {e.Message}", e);
        }
    }

    public static void Add(RleFrame rle, string maskDictPath, string where, string predictionPath, int width, int height, Span<byte> sum)
    {
        CheckSize(rle, maskDictPath, where, predictionPath, width, height);
        try
        {
            CocoRle.DecodeAddColumnMajor(rle.Counts, height, width, sum);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{maskDictPath}: {where}: {e.Message}", e);
        }
    }

    private static void CheckSize(RleFrame rle, string maskDictPath, string where, string predictionPath, int width, int height)
    {
        if (rle.Height != height || rle.Width != width)
        {
            string hint = rle.Height == width && rle.Width == height ? " — did the predictions get transposed?" : "";
            throw new InvalidDataException(
                $"{maskDictPath}: {where}: RLE size [{rle.Height}, {rle.Width}] but prediction {predictionPath} is {width} wide × {height} high{hint}");
        }
    }
}
