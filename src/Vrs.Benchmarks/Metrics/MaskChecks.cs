namespace Vrs.Benchmarks.Metrics;

/// <summary>Argument checks shared by the metric entry points, with messages that say what is wrong.</summary>
internal static class MaskChecks
{
    public static void SameLength(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> other, string otherName)
    {
        if (other.Length != reference.Length)
        {
            throw new ArgumentException(
                $"mask `{otherName}` has {other.Length} pixels but the ground truth has {reference.Length}; frames must have equal size",
                otherName);
        }
    }

    public static void Frame(ReadOnlySpan<byte> mask, int width, int height, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height != mask.Length)
        {
            throw new ArgumentException(
                $"mask `{name}` has {mask.Length} pixels, expected {width}x{height} = {(long)width * height}",
                name);
        }
    }
}
