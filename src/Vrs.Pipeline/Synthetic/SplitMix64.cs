namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output depends only on the seed, so a scene
/// renders to the same bytes on every runtime (System.Random's algorithm is not guaranteed across versions).
/// <see cref="Hash"/> is the same finaliser used statelessly, for noise that is a pure function of its coordinates.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    public ulong Next()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A well-mixed 64-bit value of (seed, a, b, c); equal inputs give equal outputs.</summary>
    public static ulong Hash(ulong seed, int a, int b, int c)
    {
        ulong h = Mix(seed + Golden);
        h = Mix(h ^ ((ulong)(uint)a * Golden));
        h = Mix(h ^ ((ulong)(uint)b + 0x632BE59BD9B4E019UL));
        return Mix(h ^ ((ulong)(uint)c * 0xD6E8FEB86659FD93UL));
    }

    /// <summary>Noise in [-1, 1] for (seed, a, b, c).</summary>
    public static float Signed(ulong seed, int a, int b, int c) => ((Hash(seed, a, b, c) >> 40) * (2f / (1 << 24))) - 1f;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
