namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// The boundary pixels of one frame, row by row in ascending x (compressed sparse rows): the columns of row y are
/// <c>Columns[RowStart[y] .. RowStart[y + 1]]</c>. Reused across frames; grows only when a frame needs more room.
/// </summary>
internal sealed class BoundaryPoints
{
    private int[] _columns = [];
    private int[] _rowStart = [0];

    public int Count { get; private set; }

    public int Height { get; private set; }

    public ReadOnlySpan<int> Columns => _columns.AsSpan(0, Count);

    public ReadOnlySpan<int> RowStart => _rowStart.AsSpan(0, Height + 1);

    /// <summary>Empties the set for a frame of this size, making room for its worst case (every pixel).</summary>
    public void Reset(int width, int height)
    {
        int pixels = checked(width * height);
        if (_columns.Length < pixels)
        {
            _columns = new int[pixels];
        }

        if (_rowStart.Length < height + 1)
        {
            _rowStart = new int[height + 1];
        }

        Count = 0;
        Height = height;
    }

    public void BeginRow(int y)
    {
        _rowStart[y] = Count;
    }

    public void EndFrame()
    {
        _rowStart[Height] = Count;
    }

    public void Add(int x)
    {
        _columns[Count++] = x;
    }

    /// <summary>Adds x0 + i for every set bit i of <paramref name="bits"/>, lowest first.</summary>
    public void AddBits(int x0, uint bits)
    {
        int[] columns = _columns;
        int count = Count;
        while (bits != 0)
        {
            columns[count++] = x0 + System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }

        Count = count;
    }
}
