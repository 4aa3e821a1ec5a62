using System.Security.Cryptography;
using System.Text.Json;
using Vrs.Grounding.Preprocessing;
using Vrs.Media.Video;

namespace Vrs.Grounding.Tests.Preprocessing;

/// <summary>Image and video preprocessing against the Python reference (see <see cref="QwenVisionGolden"/>).</summary>
public sealed class PreprocessingGoldenTests
{
    public static TheoryData<string> VisionCases => QwenVisionGolden.Names("vision");

    [Fact]
    public void Smart_resize_matches_the_reference()
    {
        foreach (JsonElement c in QwenVisionGolden.Section("smartResize").EnumerateArray())
        {
            (int h, int w) = SmartResize.Compute(
                c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32(), 28,
                c.GetProperty("minPixels").GetInt64(), c.GetProperty("maxPixels").GetInt64());
            Assert.Equal((c.GetProperty("resizedHeight").GetInt32(), c.GetProperty("resizedWidth").GetInt32()), (h, w));
        }
    }

    [Fact]
    public void Smart_resize_refuses_aspect_ratios_above_200()
    {
        Assert.Throws<ArgumentException>(() => SmartResize.Compute(10, 2010, 28, 3136, 12845056));
        Assert.Equal((28, 2800), SmartResize.Compute(14, 2800, 28, 3136, 12845056)); // ratio exactly 200 is allowed
    }

    [Theory]
    [MemberData(nameof(VisionCases))]
    public void Pillow_bicubic_resize_is_bit_exact(string name)
    {
        JsonElement c = QwenVisionGolden.Case("vision", name);
        int width = c.GetProperty("width").GetInt32();
        int height = c.GetProperty("height").GetInt32();
        int rw = c.GetProperty("resizedWidth").GetInt32();
        int rh = c.GetProperty("resizedHeight").GetInt32();
        int[] seeds = QwenVisionGolden.Ints(c.GetProperty("seeds"));
        string[] hashes = [.. c.GetProperty("resizedSha256").EnumerateArray().Select(e => e.GetString()!)];
        for (int i = 0; i < seeds.Length; i++)
        {
            byte[] resized = new byte[rw * rh * 3];
            PillowBicubic.Resize(QwenVisionGolden.SyntheticImage(width, height, seeds[i]), width, height, resized, rw, rh);
            Assert.Equal(hashes[i], Convert.ToHexStringLower(SHA256.HashData(resized)));
        }
    }

    [Theory]
    [MemberData(nameof(VisionCases))]
    public void Pixel_values_and_grid_match_the_reference(string name)
    {
        JsonElement c = QwenVisionGolden.Case("vision", name);
        int width = c.GetProperty("width").GetInt32();
        int height = c.GetProperty("height").GetInt32();
        int[] seeds = QwenVisionGolden.Ints(c.GetProperty("seeds"));
        PixelLimits limits = new(c.GetProperty("minPixels").GetInt64(), c.GetProperty("maxPixels").GetInt64());
        QwenVisionPreprocessor preprocessor = new();
        JsonElement requested = c.GetProperty("requestedSize");
        VisionInput input = c.GetProperty("kind").GetString() != "image"
            ? preprocessor.PreprocessVideo([.. seeds.Select(s => (ReadOnlyMemory<byte>)QwenVisionGolden.SyntheticImage(width, height, s))], width, height, limits)
            : requested.ValueKind == JsonValueKind.Null
                ? preprocessor.PreprocessImage(QwenVisionGolden.SyntheticImage(width, height, seeds[0]), width, height, limits)
                : preprocessor.PreprocessImageAtSize(QwenVisionGolden.SyntheticImage(width, height, seeds[0]), width, height, requested[0].GetInt32(), requested[1].GetInt32());

        int[] grid = QwenVisionGolden.Ints(c.GetProperty("grid"));
        Assert.Equal(new VisionGrid(grid[0], grid[1], grid[2]), input.Grid);
        Assert.Equal(c.GetProperty("resizedHeight").GetInt32(), input.ResizedHeight);
        Assert.Equal(c.GetProperty("resizedWidth").GetInt32(), input.ResizedWidth);
        int dim = QwenVisionConfig.Default.PatchDimension;
        Assert.Equal(input.Grid.PatchCount * dim, input.PixelValues.Length);

        double[] firstRow = [.. c.GetProperty("firstRow").EnumerateArray().Select(e => e.GetDouble())];
        for (int j = 0; j < dim; j++)
        {
            Assert.True(Math.Abs(firstRow[j] - input.PixelValues[j]) <= 1e-4, $"row 0 col {j}: {input.PixelValues[j]} vs {firstRow[j]}");
        }

        foreach (JsonElement s in c.GetProperty("samples").EnumerateArray())
        {
            int r = s[0].GetInt32();
            int col = s[1].GetInt32();
            double expected = s[2].GetDouble();
            float actual = input.PixelValues[(r * dim) + col];
            Assert.True(Math.Abs(expected - actual) <= 1e-4, $"pixel_values[{r}, {col}] = {actual}, reference {expected}");
        }

        double[] rowSums = [.. c.GetProperty("rowSums").EnumerateArray().Select(e => e.GetDouble())];
        Assert.Equal(input.Grid.PatchCount, rowSums.Length);
        for (int r = 0; r < rowSums.Length; r++)
        {
            double sum = 0;
            foreach (float v in input.PixelValues.AsSpan(r * dim, dim))
            {
                sum += v;
            }

            Assert.True(Math.Abs(rowSums[r] - sum) <= 1e-3, $"row {r} sums to {sum}, reference {rowSums[r]}");
        }
    }

    [Fact]
    public void An_RgbFrame_gives_the_same_input_as_its_bytes()
    {
        RgbFrame frame = new(100, 37);
        QwenVisionGolden.SyntheticImage(100, 37, 2).CopyTo(frame.Pixels, 0);
        QwenVisionPreprocessor preprocessor = new();
        VisionInput fromFrame = preprocessor.PreprocessImage(frame, PixelLimits.Default);
        VisionInput fromBytes = preprocessor.PreprocessImage(frame.Pixels, 100, 37, PixelLimits.Default);
        Assert.Equal(fromBytes.Grid, fromFrame.Grid);
        Assert.Equal(fromBytes.PixelValues, fromFrame.PixelValues);

        VisionInput video = preprocessor.PreprocessVideo([frame], PixelLimits.Default);
        Assert.Equal(fromBytes.PixelValues, video.PixelValues);   // one frame padded to two = an image
    }

    [Fact]
    public void Video_frames_of_different_sizes_are_rejected()
    {
        QwenVisionPreprocessor preprocessor = new();
        ArgumentException e = Assert.Throws<ArgumentException>(() => preprocessor.PreprocessVideo([new byte[8 * 8 * 3], new byte[8 * 9 * 3]], 8, 8, PixelLimits.Default));
        Assert.Contains("frame 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_sampling_matches_DecAF_linspace()
    {
        foreach (JsonElement c in QwenVisionGolden.Section("frameSampling").EnumerateArray())
        {
            Assert.Equal(
                QwenVisionGolden.Ints(c.GetProperty("indices")),
                FrameSampler.Uniform(c.GetProperty("frames").GetInt32(), c.GetProperty("count").GetInt32()));
        }
    }
}
