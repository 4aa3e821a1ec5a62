namespace Vrs.Media.Tests;

/// <summary>Locates the golden files copied next to the test assembly.</summary>
internal static class TestData
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Data", relative);

    /// <summary>Lines of a golden text file without comments, split on spaces.</summary>
    public static IEnumerable<string[]> Records(string file) =>
        File.ReadLines(PathOf(file))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '));

    /// <summary>The 0/1 disc used by the procedural golden cases (centre row 300, column 500, radius 200).</summary>
    public static byte[] Disc(int height, int width, byte foreground)
    {
        var mask = new byte[height * width];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                int dy = r - 300;
                int dx = c - 500;
                mask[(r * width) + c] = (dx * dx) + (dy * dy) <= 200 * 200 ? foreground : (byte)0;
            }
        }

        return mask;
    }
}
