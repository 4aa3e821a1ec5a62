using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

public class ForegroundSumTests
{
    [Theory]
    [InlineData(37, 29, 1)]
    [InlineData(128, 72, 2)]
    [InlineData(1280, 720, 3)]
    public void Revos_scores_from_the_foreground_sum_equal_those_from_the_foreground_mask(int width, int height, int seed)
    {
        var random = new Random(seed);
        byte[] gt = new byte[width * height];
        byte[] pred = new byte[width * height];
        byte[] foreground = new byte[width * height];
        ulong sum = 0;
        for (int i = 0; i < gt.Length; i++)
        {
            int x = i % width;
            int y = i / width;
            gt[i] = (byte)((x > width / 4 && x < width / 2 && y > height / 3 ? 1 : 0) + (x > width / 3 && y < height / 2 ? 1 : 0));
            pred[i] = (byte)(random.Next(8) == 0 ? random.Next(256) : (gt[i] > 0 ? 255 : 0));
            foreground[i] = (byte)(gt[i] > 0 || random.Next(20) == 0 ? 1 : 0);
            sum += foreground[i];
        }

        RevosFrameScores fromMask = new FrameEvaluator().EvaluateRevos(gt, pred, foreground, width, height);
        RevosFrameScores fromSum = new FrameEvaluator().EvaluateRevos(gt, pred, sum, width, height);

        Assert.Equal(fromMask, fromSum);
    }

    [Fact]
    public void Coco_rle_foreground_count_is_the_number_of_set_pixels()
    {
        byte[] mask = new byte[7 * 5];
        int set = 0;
        for (int i = 0; i < mask.Length; i += 3)
        {
            mask[i] = 1;
            set++;
        }

        string counts = Vrs.Media.CocoRle.Encode(mask, 7, 5);
        Assert.Equal((ulong)set, Vrs.Media.CocoRle.CountForeground(counts, 7, 5));
        Assert.Throws<InvalidDataException>(() => Vrs.Media.CocoRle.CountForeground(counts, 5, 5));
    }
}
