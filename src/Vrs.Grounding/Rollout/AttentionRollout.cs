namespace Vrs.Grounding.Rollout;

/// <summary>
/// DecAF's attention rollout as pure steps over one layer's post-softmax attention, laid out [heads, n, n] row-major
/// (row = query, column = key). lvlm-grounding.md §2.1–2.2: Ā = (1/h)·Σ w_h·A_h, Â = 0.5·Ā + 0.5·I,
/// R = Â_last·…·Â_start, and the grounding signal is the last row of R.
/// </summary>
public static class AttentionRollout
{
    /// <summary>DecAF's W_attn = W_res = 0.5.</summary>
    public const float ResidualWeight = 0.5f;

    /// <summary>
    /// V-Max head weights: m_h[q] = max over the visual keys [visualStart, visualStart + visualLength) of A_h[q, k];
    /// w_h = mean of m_h over all n queries; then w is divided by its maximum. When no head puts any attention on the
    /// visual span (max w = 0) every weight is 1, i.e. plain rollout, rather than DecAF's division by zero.
    /// </summary>
    public static void VisionMaxHeadWeights(ReadOnlySpan<float> attention, int heads, int n, int visualStart, int visualLength, Span<float> weights)
    {
        CheckLayer(attention, heads, n);
        CheckSpan(n, visualStart, visualLength);
        if (weights.Length != heads)
        {
            throw new ArgumentException($"weights has {weights.Length} entries for {heads} heads", nameof(weights));
        }

        float largest = 0f;
        for (int h = 0; h < heads; h++)
        {
            double sum = 0;
            for (int q = 0; q < n; q++)
            {
                ReadOnlySpan<float> visual = attention.Slice((((h * n) + q) * n) + visualStart, visualLength);
                float m = float.NegativeInfinity;
                foreach (float v in visual)
                {
                    m = Math.Max(m, v);
                }

                sum += m;
            }

            weights[h] = (float)(sum / n);
            largest = Math.Max(largest, weights[h]);
        }

        if (largest <= 0f)
        {
            weights.Fill(1f);
            return;
        }

        for (int h = 0; h < heads; h++)
        {
            weights[h] /= largest;
        }
    }

    /// <summary>Ā = (1/heads)·Σ_h w_h·A_h into <paramref name="destination"/> (n×n). A mean, so rows may sum to less than 1; DecAF never renormalises.</summary>
    public static void WeightedHeadMean(ReadOnlySpan<float> attention, int heads, int n, ReadOnlySpan<float> weights, Span<float> destination)
    {
        CheckLayer(attention, heads, n);
        if (weights.Length != heads)
        {
            throw new ArgumentException($"weights has {weights.Length} entries for {heads} heads", nameof(weights));
        }

        int nn = n * n;
        if (destination.Length != nn)
        {
            throw new ArgumentException($"destination has {destination.Length} entries, want {n}×{n}", nameof(destination));
        }

        // Head-major so every pass reads one head's matrix contiguously; float32 like the reference's torch mean.
        destination.Clear();
        for (int h = 0; h < heads; h++)
        {
            float w = weights[h];
            if (w == 0f)
            {
                continue;
            }

            ReadOnlySpan<float> head = attention.Slice(h * nn, nn);
            for (int i = 0; i < nn; i++)
            {
                destination[i] += w * head[i];
            }
        }

        for (int i = 0; i < nn; i++)
        {
            destination[i] /= heads;
        }
    }

    /// <summary>Â = 0.5·Ā + 0.5·I, in place on an n×n matrix.</summary>
    public static void AddResidual(Span<float> matrix, int n)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"matrix has {matrix.Length} entries, want {n}×{n}", nameof(matrix));
        }

        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] *= 1f - ResidualWeight;
        }

        for (int i = 0; i < n; i++)
        {
            matrix[(i * n) + i] += ResidualWeight;
        }
    }

    /// <summary>One layer's Â (n×n) from its attention: head weighting, weighted mean, residual.</summary>
    public static float[] LayerMatrix(ReadOnlySpan<float> attention, int heads, int n, int visualStart, int visualLength, HeadWeighting weighting)
    {
        float[] matrix = new float[n * n];
        LayerMatrix(attention, heads, n, visualStart, visualLength, weighting, matrix);
        return matrix;
    }

    /// <summary>One layer's Â into <paramref name="destination"/> (n×n), so a caller can reuse one buffer for every layer.</summary>
    public static void LayerMatrix(ReadOnlySpan<float> attention, int heads, int n, int visualStart, int visualLength, HeadWeighting weighting, Span<float> destination)
    {
        Span<float> weights = heads <= 128 ? stackalloc float[heads] : new float[heads];
        if (weighting == HeadWeighting.VisionMax)
        {
            VisionMaxHeadWeights(attention, heads, n, visualStart, visualLength, weights);
        }
        else
        {
            weights.Fill(1f);
        }

        WeightedHeadMean(attention, heads, n, weights, destination);
        AddResidual(destination, n);
    }

    /// <summary>r ← r·Â for a row vector r of length n (in place, <paramref name="scratch"/> of length n).</summary>
    public static void MultiplyRow(Span<float> row, ReadOnlySpan<float> matrix, int n, Span<float> scratch)
    {
        if (row.Length != n || scratch.Length != n || matrix.Length != n * n)
        {
            throw new ArgumentException($"row, scratch and matrix must be {n}, {n} and {n}×{n} long");
        }

        // Row-major accumulation (r·Â = Σ_k r[k]·Â[k, :]) so the matrix is read contiguously; causal rows make many r[k] zero.
        scratch.Clear();
        for (int k = 0; k < n; k++)
        {
            float rk = row[k];
            if (rk == 0f)
            {
                continue;
            }

            ReadOnlySpan<float> matrixRow = matrix.Slice(k * n, n);
            for (int j = 0; j < n; j++)
            {
                scratch[j] += rk * matrixRow[j];
            }
        }

        scratch.CopyTo(row);
    }

    /// <summary>
    /// The last row of R = Â_last·…·Â_first over <paramref name="layers"/> (first rollout layer first), computed from the
    /// top as r ← e_{n−1}; r ← r·Â_ℓ for ℓ = last … first. Equal to the full product's last row at O(n²) per layer.
    /// </summary>
    public static float[] LastRow(IReadOnlyList<float[]> layers, int heads, int n, int visualStart, int visualLength, HeadWeighting weighting)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("rollout needs at least one layer", nameof(layers));
        }

        float[] row = new float[n];
        float[] scratch = new float[n];
        float[] matrix = new float[n * n];
        row[n - 1] = 1f;
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            LayerMatrix(layers[l], heads, n, visualStart, visualLength, weighting, matrix);
            MultiplyRow(row, matrix, n, scratch);
        }

        return row;
    }

    /// <summary>The full product R = Â_last·…·Â_first (n×n), DecAF's literal recursion R ← Â·R; for tests and small n.</summary>
    public static float[] FullProduct(IReadOnlyList<float[]> layers, int heads, int n, int visualStart, int visualLength, HeadWeighting weighting)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("rollout needs at least one layer", nameof(layers));
        }

        float[] r = LayerMatrix(layers[0], heads, n, visualStart, visualLength, weighting);
        for (int l = 1; l < layers.Count; l++)
        {
            float[] a = LayerMatrix(layers[l], heads, n, visualStart, visualLength, weighting);
            float[] next = new float[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < n; k++)
                    {
                        sum += (double)a[(i * n) + k] * r[(k * n) + j];
                    }

                    next[(i * n) + j] = (float)sum;
                }
            }

            r = next;
        }

        return r;
    }

    private static void CheckLayer(ReadOnlySpan<float> attention, int heads, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (attention.Length != (long)heads * n * n)
        {
            throw new ArgumentException($"attention has {attention.Length} entries, want heads·n·n = {heads}·{n}·{n}", nameof(attention));
        }
    }

    private static void CheckSpan(int n, int visualStart, int visualLength)
    {
        if (visualStart < 0 || visualLength <= 0 || visualStart + visualLength > n)
        {
            throw new ArgumentOutOfRangeException(nameof(visualLength), $"visual span [{visualStart}, {visualStart + visualLength}) is not inside the {n} tokens");
        }
    }
}
