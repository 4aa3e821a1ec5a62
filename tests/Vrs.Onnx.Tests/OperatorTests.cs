namespace Vrs.Onnx.Tests;

/// <summary>
/// Models built by the graph writer (<see cref="TestGraphs"/>) run through the real library, each checked against
/// values computed here in C# with naive loops.
/// </summary>
public sealed class OperatorTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(5, 7)]
    public void AddMul_matches_a_plus_b_times_c_for_any_shape(int n, int m)
    {
        using InferenceSession session = TestModels.Open(TestGraphs.AddMul());
        float[] a = Sequence(n * m, 0.5f, 0.25f);
        float[] b = Sequence(n * m, -1f, 0.125f);
        float[] c = Sequence(n * m, 2f, -0.5f);
        using OnnxTensor<float> ta = OnnxTensor.FromArray(a, n, m);
        using OnnxTensor<float> tb = OnnxTensor.FromArray(b, n, m);
        using OnnxTensor<float> tc = OnnxTensor.FromArray(c, n, m);

        using RunResult result = session.Run(("a", ta), ("b", tb), ("c", tc));

        Assert.Equal([n, m], result.GetShape("y"));
        ReadOnlySpan<float> y = result.GetData<float>("y");
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal((a[i] + b[i]) * c[i], y[i], Tolerance);
        }

        Assert.Equal([(long)n, m], result.ToArray<long>("y_shape"));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 4)]
    [InlineData(4, 5, 3)]
    public void MatMul_matches_the_row_by_column_products(int rows, int inner, int cols)
    {
        using InferenceSession session = TestModels.Open(TestGraphs.MatMul());
        float[] x = Sequence(rows * inner, 1f, 0.5f);
        float[] w = Sequence(inner * cols, -2f, 0.25f);
        using OnnxTensor<float> tx = OnnxTensor.FromArray(x, rows, inner);
        using OnnxTensor<float> tw = OnnxTensor.FromArray(w, inner, cols);

        using RunResult result = session.Run(("x", tx), ("w", tw));

        Assert.Equal([rows, cols], result.GetShape(0));
        ReadOnlySpan<float> y = result.GetData<float>(0);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                float expected = 0;
                for (int k = 0; k < inner; k++)
                {
                    expected += x[(r * inner) + k] * w[(k * cols) + c];
                }

                Assert.Equal(expected, y[(r * cols) + c], 1e-4f);
            }
        }
    }

    [Fact]
    public void Softmax_matches_exp_over_sum_per_row()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        float[] x = [1f, 2f, 3f, -1f, 0f, 1000f, 5f, 5f, 5f];
        using OnnxTensor<float> tx = OnnxTensor.FromArray(x, 3, 3);

        using RunResult result = session.Run(("x", tx));

        ReadOnlySpan<float> y = result.GetData<float>("y");
        for (int row = 0; row < 3; row++)
        {
            float max = x.Skip(row * 3).Take(3).Max();
            double sum = x.Skip(row * 3).Take(3).Sum(v => Math.Exp(v - max));
            for (int col = 0; col < 3; col++)
            {
                Assert.Equal((float)(Math.Exp(x[(row * 3) + col] - max) / sum), y[(row * 3) + col], Tolerance);
            }
        }

        Assert.Equal(1f, y[5], Tolerance); // the 1000 dominates its row
    }

    [Fact]
    public void Gather_picks_rows_by_int64_index_including_repeats()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Gather());
        float[] table = Sequence(4 * 3, 0f, 1f); // row r = [3r, 3r+1, 3r+2]
        long[] indices = [3, 0, 3, 2, 1];
        using OnnxTensor<float> tt = OnnxTensor.FromArray(table, 4, 3);
        using OnnxTensor<long> ti = OnnxTensor.FromArray(indices, indices.Length);

        using RunResult result = session.Run(("table", tt), ("idx", ti));

        Assert.Equal([5, 3], result.GetShape("y"));
        float[] expected = [.. indices.SelectMany(r => new[] { 3f * r, (3f * r) + 1, (3f * r) + 2 })];
        Assert.Equal(expected, result.ToArray<float>("y"));
    }

    [Theory]
    [InlineData(1, 4, 5)]
    [InlineData(2, 3, 3)]
    public void Conv_3x3_pad_1_matches_a_direct_convolution(int batch, int height, int width)
    {
        // [3 out, 2 in, 3, 3] weights in [-1, 1], irregular enough that a swapped axis or a flipped kernel shows.
        float[] weights = [.. Enumerable.Range(0, 3 * 2 * 3 * 3).Select(i => MathF.Round(MathF.Sin((i * 1.7f) + 0.3f), 2))];
        float[] bias = [0.5f, -0.25f, 0f];
        using InferenceSession session = TestModels.Open(TestGraphs.Conv3x3(weights, bias, inChannels: 2));
        float[] x = Sequence(batch * 2 * height * width, -3f, 0.37f);
        using OnnxTensor<float> tx = OnnxTensor.FromArray(x, batch, 2, height, width);

        using RunResult result = session.Run(("x", tx));

        Assert.Equal([batch, 3, height, width], result.GetShape("y"));
        ReadOnlySpan<float> y = result.GetData<float>("y");
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < 3; o++)
            {
                for (int h = 0; h < height; h++)
                {
                    for (int w = 0; w < width; w++)
                    {
                        float expected = bias[o];
                        for (int c = 0; c < 2; c++)
                        {
                            for (int kh = 0; kh < 3; kh++)
                            {
                                for (int kw = 0; kw < 3; kw++)
                                {
                                    int ih = h + kh - 1;
                                    int iw = w + kw - 1;
                                    if (ih >= 0 && ih < height && iw >= 0 && iw < width)
                                    {
                                        expected += weights[(((o * 2) + c) * 9) + (kh * 3) + kw] * x[(((((n * 2) + c) * height) + ih) * width) + iw];
                                    }
                                }
                            }
                        }

                        Assert.Equal(expected, y[(((((n * 3) + o) * height) + h) * width) + w], 1e-4f);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    public void Resize_nearest_2x_repeats_each_pixel_in_a_2x2_block(int height, int width)
    {
        using InferenceSession session = TestModels.Open(TestGraphs.ResizeNearest(2f, 2f));
        float[] x = Sequence(2 * height * width, 1f, 1f);
        using OnnxTensor<float> tx = OnnxTensor.FromArray(x, 1, 2, height, width);

        using RunResult result = session.Run(("x", tx));

        Assert.Equal([1, 2, 2 * height, 2 * width], result.GetShape("y"));
        ReadOnlySpan<float> y = result.GetData<float>("y");
        for (int c = 0; c < 2; c++)
        {
            for (int h = 0; h < 2 * height; h++)
            {
                for (int w = 0; w < 2 * width; w++)
                {
                    Assert.Equal(x[(((c * height) + (h / 2)) * width) + (w / 2)], y[(((c * 2 * height) + h) * 2 * width) + w]);
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 3, 2, 2)]
    [InlineData(3, 2, 2, 3)]
    [InlineData(1, 4, 3, 1)]
    public void Resize_linear_matches_half_pixel_bilinear_interpolation(int height, int width, int scaleH, int scaleW)
    {
        using InferenceSession session = TestModels.Open(TestGraphs.ResizeLinear(scaleH, scaleW));
        float[] x = Sequence(2 * height * width, -1f, 0.75f);
        x[0] = 9f; // a bump, so interpolation towards a neighbour is visible
        using OnnxTensor<float> tx = OnnxTensor.FromArray(x, 1, 2, height, width);

        using RunResult result = session.Run(("x", tx));

        int outH = height * scaleH;
        int outW = width * scaleW;
        Assert.Equal([1, 2, outH, outW], result.GetShape("y"));
        Assert.Equal(Bilinear(x, 2, height, width, scaleH, scaleW), result.ToArray<float>("y"), (e, a) => Math.Abs(e - a) <= Tolerance);
    }

    [Fact]
    public void One_session_runs_its_dynamic_graph_at_two_different_shapes()
    {
        using InferenceSession addMul = TestModels.Open(TestGraphs.AddMul());
        using InferenceSession resize = TestModels.Open(TestGraphs.ResizeLinear(2, 2));

        foreach ((int rows, int cols) in new[] { (2, 3), (4, 1) })
        {
            float[] a = Sequence(rows * cols, 1f, 1f);
            float[] b = Sequence(rows * cols, 0.5f, -0.25f);
            float[] c = Sequence(rows * cols, -2f, 0.5f);
            using OnnxTensor<float> ta = OnnxTensor.FromArray(a, rows, cols);
            using OnnxTensor<float> tb = OnnxTensor.FromArray(b, rows, cols);
            using OnnxTensor<float> tc = OnnxTensor.FromArray(c, rows, cols);
            using RunResult sum = addMul.Run(("a", ta), ("b", tb), ("c", tc));
            Assert.Equal([(long)rows, cols], sum.ToArray<long>("y_shape"));
            Assert.Equal([.. a.Select((v, i) => (v + b[i]) * c[i])], sum.ToArray<float>("y"), (e, r) => Math.Abs(e - r) <= Tolerance);

            float[] x = Sequence(rows * cols, 3f, -0.5f);
            using OnnxTensor<float> tx = OnnxTensor.FromArray(x, 1, 1, rows, cols);
            using RunResult scaled = resize.Run(("x", tx));
            Assert.Equal([1, 1, 2 * rows, 2 * cols], scaled.GetShape("y"));
            Assert.Equal(Bilinear(x, 1, rows, cols, 2, 2), scaled.ToArray<float>("y"), (e, r) => Math.Abs(e - r) <= Tolerance);
        }
    }

    internal static float[] Sequence(int count, float start, float step)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        return values;
    }

    /// <summary>
    /// ONNX Resize, mode linear, half_pixel: output pixel o samples input coordinate (o + 0.5) / scale - 0.5,
    /// clamped to the image, and mixes the two neighbours on each axis by distance.
    /// </summary>
    private static float[] Bilinear(float[] x, int channels, int height, int width, int scaleH, int scaleW)
    {
        int outH = height * scaleH;
        int outW = width * scaleW;
        var y = new float[channels * outH * outW];
        for (int c = 0; c < channels; c++)
        {
            for (int oh = 0; oh < outH; oh++)
            {
                (int h0, int h1, double dh) = Neighbours(oh, scaleH, height);
                for (int ow = 0; ow < outW; ow++)
                {
                    (int w0, int w1, double dw) = Neighbours(ow, scaleW, width);
                    double top = ((1 - dw) * x[(((c * height) + h0) * width) + w0]) + (dw * x[(((c * height) + h0) * width) + w1]);
                    double bottom = ((1 - dw) * x[(((c * height) + h1) * width) + w0]) + (dw * x[(((c * height) + h1) * width) + w1]);
                    y[(((c * outH) + oh) * outW) + ow] = (float)(((1 - dh) * top) + (dh * bottom));
                }
            }
        }

        return y;
    }

    private static (int Low, int High, double Fraction) Neighbours(int output, int scale, int size)
    {
        double source = Math.Clamp(((output + 0.5) / scale) - 0.5, 0, size - 1);
        int low = (int)Math.Floor(source);
        return (low, Math.Min(low + 1, size - 1), source - low);
    }
}
