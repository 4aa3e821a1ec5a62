using System.Text.Json;

namespace Vrs.Grounding.Tests.Preprocessing;

/// <summary>
/// <c>Data/qwen-vision-golden.json</c>, written by <c>scripts/dev/gen-qwen-vision-goldens.py</c> from the Python
/// reference (qwen-vl-utils <c>smart_resize</c>/<c>fetch_image</c>/<c>fetch_video</c> at gzpeng1984/Qwen2.5-VL@1a39953,
/// transformers <c>image_processing_qwen2_vl.py</c>@009f637 with Pillow 9.4.0 and torch 1.13.1, transformers v4.49
/// <c>get_rope_index</c>, Qwen2-VL's chat_template.json through jinja2, DecAF's <c>np.linspace</c> sampling). The file
/// records every source and version under "reference".
/// </summary>
internal static class QwenVisionGolden
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "qwen-vision-golden.json"))));

    public static JsonElement Root => s_document.Value.RootElement;

    public static JsonElement Section(string name) => Root.GetProperty(name);

    public static JsonElement Case(string section, string name) =>
        Section(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string section) =>
        [.. Section(section).EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];

    /// <summary>The generator's synthetic_pixel: integer-only, so both sides build the same bytes.</summary>
    public static byte[] SyntheticImage(int width, int height, int seed)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int v = ((x * x * 3) + (y * 17) + (c * 71) + (x * y * 5) + (seed * 29) + ((((x * 7) + (y * 13)) % 11) * 19)) % 256;
                    pixels[(((y * width) + x) * 3) + c] = (byte)v;
                }
            }
        }

        return pixels;
    }

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
