using Vrs.Media;

namespace Vrs.Pipeline.Tracking;

/// <summary>The union of several tracklets' masks, frame by frame (the answer when a query has several targets).</summary>
public static class MaskUnion
{
    public static uint[]?[] Of(Tracklet[] chosen, int width, int height)
    {
        if (chosen.Length == 1)
        {
            return chosen[0].Masks;
        }

        int frameCount = chosen[0].Masks.Length;
        var union = new uint[]?[frameCount];
        var image = new byte[width * height];
        for (int f = 0; f < frameCount; f++)
        {
            Array.Clear(image);
            foreach (Tracklet t in chosen)
            {
                if (t.Masks[f] is { } counts)
                {
                    CocoRle.AddCountsToMask(counts, height, width, image);
                }
            }

            union[f] = CocoRle.EncodeCounts(image, height, width);
        }

        return union;
    }
}
