namespace Vrs.Pipeline.Method;

/// <summary>
/// Average-pools a video-resolution 0/255 mask onto a token grid (each pixel counts for the cell its centre falls
/// in), giving the fraction of each cell the mask covers: the tracklet side of the correlation.
/// </summary>
public sealed class GridPooling
{
    private readonly int[] _cellOfColumn;
    private readonly int[] _cellOfRow;
    private readonly float[] _cellPixels;

    public GridPooling(int width, int height, int gridWidth, int gridHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridHeight);
        Width = width;
        Height = height;
        GridWidth = gridWidth;
        GridHeight = gridHeight;
        _cellOfColumn = Cells(width, gridWidth);
        _cellOfRow = Cells(height, gridHeight);
        _cellPixels = new float[gridWidth * gridHeight];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                _cellPixels[(_cellOfRow[y] * gridWidth) + _cellOfColumn[x]]++;
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    public int GridWidth { get; }

    public int GridHeight { get; }

    public void Pool(ReadOnlySpan<byte> mask, Span<float> cells)
    {
        if (mask.Length != Width * Height || cells.Length != GridWidth * GridHeight)
        {
            throw new ArgumentException($"a {Width}×{Height} mask pools into {GridWidth}×{GridHeight} cells");
        }

        cells.Clear();
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> row = mask.Slice(y * Width, Width);
            int rowBase = _cellOfRow[y] * GridWidth;
            for (int x = 0; x < Width; x++)
            {
                if (row[x] != 0)
                {
                    cells[rowBase + _cellOfColumn[x]]++;
                }
            }
        }

        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = _cellPixels[i] > 0 ? cells[i] / _cellPixels[i] : 0f;
        }
    }

    private static int[] Cells(int pixels, int cells)
    {
        var map = new int[pixels];
        for (int p = 0; p < pixels; p++)
        {
            map[p] = Math.Min((int)((p + 0.5) * cells / pixels), cells - 1);
        }

        return map;
    }
}
