namespace Vrs.Onnx.Tests;

/// <summary>Real models through the real library, each checked against values computed here in C#.</summary>
public sealed class OperatorTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(5, 7)]
    public void AddMul_matches_a_plus_b_times_c_for_any_shape(int n, int m)
    {
        using InferenceSession session = TestModels.Open("add_mul.onnx");
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
        using InferenceSession session = TestModels.Open("matmul.onnx");
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
        using InferenceSession session = TestModels.Open("softmax.onnx");
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
        using InferenceSession session = TestModels.Open("gather.onnx");
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
        float[] weights = [.. File.ReadAllLines(TestModels.Path("conv_weights.txt")).Select(l => float.Parse(l, System.Globalization.CultureInfo.InvariantCulture))];
        float[] bias = [0.5f, -0.25f, 0f];
        using InferenceSession session = TestModels.Open("conv.onnx");
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
        using InferenceSession session = TestModels.Open("resize.onnx");
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

    internal static float[] Sequence(int count, float start, float step)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        return values;
    }
}
