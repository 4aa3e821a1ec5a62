using Vrs.Grounding.StandIn;
using Vrs.Onnx;
using Vrs.Onnx.Graph;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>The stand-in names colours by hue, chroma and lightness: hand-worked memberships, and the graph against the host.</summary>
public sealed class StandInColourTests
{
    private const float Tolerance = 1e-4f;

    /// <summary>
    /// RGB in 0–255, the one colour it belongs to (-1: none) and how much. a = R − (G+B)/2, b = (√3/2)(G − B), C = √(a² + b²),
    /// chroma = (C − 0.10)/0.35 clamped, hue = atan2(b, a); every chromatic case below sits inside its sector's full
    /// zone (centre ± inner), so its membership is the chroma gate and every other name's is 0.
    /// </summary>
    public static TheoryData<int, int, int, int, float> Named() => new()
    {
        // a = (40 − 115)/255 = −0.294, b = 0.866·110/255 = 0.374: hue 128.2° (green 125 ± 40), C = 0.476 → 1.
        { 40, 170, 60, 1, 1f },
        // a = 160/255 = 0.627, b = 0: hue 0° (red 0 ± 10), C = 0.627 → 1.
        { 200, 40, 40, 0, 1f },
        // a = 110/255 = 0.431, b = 0.866·160/255 = 0.543: hue 51.6° (yellow 58 ± 10; orange 30 ends at 50), C = 0.694 → 1.
        { 230, 200, 40, 3, 1f },
        // a = 150/255 = 0.588, b = 0.866·100/255 = 0.340: hue 30.0° (orange 30 ± 8; red ends at 22, yellow starts at 36), C = 0.679 → 1.
        { 230, 130, 30, 4, 1f },
        // a = −100/255 = −0.392, b = −0.866·120/255 = −0.408: hue 226.1° (blue 220 ± 30), C = 0.566 → 1.
        { 40, 80, 200, 2, 1f },
        // a = 25/255 = 0.098, b = −0.866·110/255 = −0.374: hue 284.7° (purple 285 ± 20), C = 0.3862 → (0.3862 − 0.10)/0.35 = 0.8178.
        { 130, 50, 160, 5, 0.8178f },
        // C = 0, so chroma 0; L = 240/255 = 0.941 ≥ 0.85: white 1.
        { 240, 240, 240, 6, 1f },
        // C = 0; L = 20/255 = 0.078 ≤ 0.15: black 1.
        { 20, 20, 20, 7, 1f },
        // C = 0; L = 0.502 is neither light (≥ 0.70) nor dark (≤ 0.25): no colour.
        { 128, 128, 128, -1, 0f },
        // A cell half (200, 40, 40), half (128, 128, 128) averages (164, 84, 84): a = 80/255 = 0.3137, b = 0, hue 0°,
        // chroma (0.3137 − 0.10)/0.35 = 0.6106: still red, weaker than the solid disc's 1.
        { 164, 84, 84, 0, 0.6106f },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public void A_colour_belongs_to_the_name_a_person_would_give_it(int r, int g, int b, int colour, float membership)
    {
        float[] rgb = [r / 255f, g / 255f, b / 255f];
        for (int c = 0; c < StandInPalette.Count; c++)
        {
            float want = c == colour ? membership : 0f;
            float got = StandInPalette.Similarity(rgb, c);
            Assert.True(Math.Abs(want - got) < Tolerance, $"({r},{g},{b}) as {StandInPalette.Names[c]}: {got}, want {want}");
        }
    }

    [Fact]
    public void Half_a_cell_of_red_over_grey_is_red_but_weaker_than_a_solid_cell()
    {
        float solid = StandInPalette.Similarity([200 / 255f, 40 / 255f, 40 / 255f], 0);
        float half = StandInPalette.Similarity([164 / 255f, 84 / 255f, 84 / 255f], 0);
        Assert.InRange(half, 0.5f, solid - 0.3f);
    }

    [Fact]
    public void Compression_noise_on_grey_names_no_colour()
    {
        // ±8 of 255 on one channel of mid grey: C ≤ 8/255 = 0.031, far below the 0.10 where hue starts to count.
        float[][] noisy = [[136 / 255f, 128 / 255f, 128 / 255f], [128 / 255f, 120 / 255f, 128 / 255f], [120 / 255f, 128 / 255f, 136 / 255f]];
        Assert.All(noisy, rgb => Assert.All(Enumerable.Range(0, StandInPalette.Count), c => Assert.Equal(0f, StandInPalette.Similarity(rgb, c))));
    }

    [Fact]
    public void The_graph_computes_the_host_membership_on_random_colours_and_zero_on_text_rows()
    {
        const int Rows = 400;
        var random = new Random(7);
        var rows = new float[Rows * L.HiddenSize];
        for (int k = 0; k < Rows; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                rows[(k * L.HiddenSize) + L.Rgb + c] = (float)random.NextDouble();
            }

            rows[(k * L.HiddenSize) + L.Visual] = k % 10 == 9 ? 0f : 1f; // every tenth row is text carrying stray RGB
        }

        OnnxRuntime.Load();
        var g = new GraphBuilder("colour_membership");
        GraphValue input = g.Input("rows", TensorElementType.Float32, ["T", L.HiddenSize]);
        g.Output(StandInOps.Similarity(g, input), "similarity", TensorElementType.Float32, ["T", StandInPalette.Count]);
        using InferenceSession session = InferenceSession.FromBytes(g.Build(), StandInFiles.Sessions);
        using OnnxTensor<float> tensor = OnnxTensor.FromArray(rows, Rows, L.HiddenSize);
        using RunResult result = session.Run(("rows", tensor));
        float[] similarity = result.ToArray<float>("similarity");

        int named = 0;
        for (int k = 0; k < Rows; k++)
        {
            bool visual = rows[(k * L.HiddenSize) + L.Visual] > 0f;
            for (int c = 0; c < StandInPalette.Count; c++)
            {
                float want = visual ? StandInPalette.Similarity(rows.AsSpan(k * L.HiddenSize, 3), c) : 0f;
                float got = similarity[(k * StandInPalette.Count) + c];
                Assert.True(Math.Abs(want - got) < Tolerance, $"row {k} colour {StandInPalette.Names[c]}: graph {got}, host {want}");
                Assert.InRange(got, 0f, 1f);
                named += got > 0f ? 1 : 0;
            }
        }

        Assert.True(named > Rows / 2, $"only {named} memberships above 0: random colours should mostly have a name");
    }
}
