using System.Text;

namespace Vrs.Media.Video;

/// <summary>How the overlay's caption is sized, wrapped and which font draws it (ffmpeg's drawtext).</summary>
internal static class OverlayCaption
{
    /// <summary>Fonts Debian installs with ffmpeg's fontconfig dependency (fonts-dejavu-core), then common others.</summary>
    private static readonly string[] s_fonts =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];

    /// <summary>One twenty-fourth of the height, at least 12 px: readable on a 360p clip, not dominant on 1080p.</summary>
    public static int FontSize(int height) => Math.Max(12, height / 24);

    /// <summary>DejaVu Sans averages about 0.55 em per character; leave a margin on both sides.</summary>
    public static int CharactersPerLine(int width, int fontSize) => Math.Max(10, (int)((width - (2 * fontSize)) / (0.55 * fontSize)));

    /// <summary>A font file when one is installed where we look; otherwise drawtext asks fontconfig for its default.</summary>
    public static string? FontFile() => s_fonts.FirstOrDefault(File.Exists);

    /// <summary>Greedy word wrap; words longer than a line are cut.</summary>
    public static string Wrap(string text, int perLine)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            string piece = word.Length > perLine ? word[..perLine] : word;
            if (line.Length > 0 && line.Length + 1 + piece.Length > perLine)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(piece);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return string.Join('\n', lines);
    }
}
