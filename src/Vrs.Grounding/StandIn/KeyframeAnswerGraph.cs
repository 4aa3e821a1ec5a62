using Vrs.Onnx;
using Vrs.Onnx.Graph;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// The answer head's Veason-R1 answer, <c>&lt;answer&gt;{"keyframe_timestamp": N, "bbox_2d_list": [[x1, y1, x2, y2]]}&lt;/answer&gt;</c>,
/// from rows [T, 24] before the last <c>&lt;|im_start|&gt;</c>:
/// <list type="bullet">
/// <item>Image blocks are runs of vision rows: S = cumulative count of run starts, so block b's rows have S = b and
/// the text between blocks b − 1 and b has S = b − 1.</item>
/// <item>A number's value sits on its last digit: Σ_k d[t − k]·10^k over the digits t − k … t (up to
/// <see cref="Slots"/> of them); block b's timestamp is the number in the text just before it, "(Ns)".</item>
/// <item>The keyframe is the block with the most rows matching a named colour (the first on ties); the box is the
/// matching cells' extent in it, in the resized image's pixels (28 per merged cell).</item>
/// <item>Each number fills <see cref="Slots"/> token slots right-aligned, padded with spaces (JSON allows them; a
/// leading zero it does not).</item>
/// </list>
/// </summary>
internal static class KeyframeAnswerGraph
{
    /// <summary>Digits per number: timestamps and pixel coordinates below 10,000.</summary>
    public const int Slots = 4;

    /// <summary>The answer with '#' in every digit slot, in the order timestamp, x1, y1, x2, y2.</summary>
    public const string Template = "<answer>{\"keyframe_timestamp\": ####, \"bbox_2d_list\": [[####, ####, ####, ####]]}</answer>";

    private const int Numbers = 5;

    /// <summary>The template's tokens plus <c>&lt;|im_end|&gt;</c>.</summary>
    public static int Length => Template.Length + 1;

    /// <param name="before">[T, 1]: 1 on the rows before the last <c>&lt;|im_start|&gt;</c>.</param>
    /// <param name="matched">[T] bool: rows matching a named colour (already limited to those before).</param>
    public static GraphValue Build(GraphBuilder g, GraphValue rows, GraphValue before, GraphValue matched, StandInTokenizer tokenizer, int answerLength)
    {
        GraphValue visual = StandInOps.Channels(g, rows, L.Visual) * before;                                      // [T,1]
        GraphValue block = g.CumSum(visual * (g.Constant(1f) - Shift(g, visual, 1)), 0);                         // [T,1]: S
        GraphValue digit = StandInOps.Channels(g, rows, L.Digit) * before;
        GraphValue value = Number(g, digit, StandInOps.Channels(g, rows, L.DigitValue));
        GraphValue runEnd = digit * (g.Constant(1f) - Shift(g, digit, -1));

        // One more block than there are (an empty one) keeps ArgMax defined when the rows hold no image.
        GraphValue blocks = g.Unsqueeze(g.Range(g.Constant(1f), g.ReduceMax(block, keepDims: false) + 2f, g.Constant(1f)), [0]);   // [1,NB]
        GraphValue inBlock = g.Cast(g.Equal(block, blocks), TensorElementType.Float32) * visual;                 // [T,NB]
        GraphValue matchedColumn = g.Unsqueeze(g.Cast(matched, TensorElementType.Float32), [1]);
        GraphValue counts = g.ReduceSum(inBlock * matchedColumn, [0], keepDims: false);                          // [NB]
        GraphValue gap = g.Cast(g.Equal(block, blocks - 1f), TensorElementType.Float32) * (g.Constant(1f) - visual) * runEnd;
        GraphValue timestamps = g.ReduceSum(gap * value, [0], keepDims: false);                                  // [NB]
        GraphValue best = g.ArgMax(counts, 0, keepDims: true);                                                   // [1]
        GraphValue timestamp = g.Gather(timestamps, best);                                                       // [1]

        GraphValue keyframe = g.Equal(g.Squeeze(block, [1]), g.Cast(best, TensorElementType.Float32) + 1f);
        GraphValue selected = g.And(matched, keyframe);                                                          // [T]
        GraphValue column = g.Floor(g.Squeeze(StandInOps.Channels(g, rows, L.CentreX) / StandInOps.Channels(g, rows, L.CellWidth), [1]));
        GraphValue row = g.Floor(g.Squeeze(StandInOps.Channels(g, rows, L.CentreY) / StandInOps.Channels(g, rows, L.CellHeight), [1]));
        GraphValue[] extent =
        [
            timestamp,
            g.ReduceMin(g.Where(selected, column, g.Constant(1e4f)), keepDims: true) * L.CellPixels,
            g.ReduceMin(g.Where(selected, row, g.Constant(1e4f)), keepDims: true) * L.CellPixels,
            (g.ReduceMax(g.Where(selected, column, g.Constant(-1f)), keepDims: true) + 1f) * L.CellPixels,
            (g.ReduceMax(g.Where(selected, row, g.Constant(-1f)), keepDims: true) + 1f) * L.CellPixels,
        ];
        GraphValue numbers = g.Clip(g.Concat(extent, 0), 0f, 9999f);                                            // [5]
        GraphValue tokens = Digits(g, g.Unsqueeze(g.Cast(numbers, TensorElementType.Int64), [1]), tokenizer);   // [5,Slots]

        (float[] template, float[] place) = Layout(tokenizer, answerLength);
        GraphValue placed = g.MatMul(
            g.Reshape(g.Cast(tokens, TensorElementType.Float32), [1, Numbers * Slots]),
            g.Constant(TensorData.FromFloat32(place, [Numbers * Slots, answerLength])));
        return g.Squeeze(placed, [0]) + g.Constant(template);
    }

    /// <summary>x shifted down the rows by <paramref name="by"/> (x[t − by], 0 where that is outside; negative shifts up).</summary>
    private static GraphValue Shift(GraphBuilder g, GraphValue x, int by)
    {
        GraphValue zeros = g.Constant(TensorData.FromFloat32(new float[Math.Abs(by)], [Math.Abs(by), 1]));
        return by > 0
            ? g.Concat([zeros, g.Slice(x, [0], [-by], [0])], 0)
            : g.Concat([g.Slice(x, [-by], [long.MaxValue], [0]), zeros], 0);
    }

    /// <summary>[T, 1]: on a digit row, the value of the number ending there, read over up to <see cref="Slots"/> digits.</summary>
    private static GraphValue Number(GraphBuilder g, GraphValue digit, GraphValue digitValue)
    {
        GraphValue all = digit;
        GraphValue value = digitValue * digit;
        float power = 1f;
        for (int k = 1; k < Slots; k++)
        {
            power *= 10f;
            all = all * Shift(g, digit, k);
            value = value + (Shift(g, digitValue, k) * all * power);
        }

        return value;
    }

    /// <summary>[5, Slots] token ids: the digits right-aligned, leading zeros as spaces (a lone 0 stays "0").</summary>
    private static GraphValue Digits(GraphBuilder g, GraphValue values, StandInTokenizer tokenizer)
    {
        var powers = new long[Slots];
        var last = new bool[Slots];
        for (int k = 0; k < Slots; k++)
        {
            powers[k] = (long)Math.Pow(10, Slots - 1 - k);
        }

        last[Slots - 1] = true;
        GraphValue power = g.Constant(TensorData.FromInt64(powers, [1, Slots]));
        GraphValue digits = g.Node("Mod", [g.Div(values, power), g.Constant(10L)]);
        GraphValue shown = g.Or(g.GreaterOrEqual(values, power), g.Constant(TensorData.FromBool(last, [1, Slots])));
        return g.Where(shown, digits + g.Constant((long)tokenizer.Id("0")), g.Constant((long)tokenizer.Id(StandInVocabulary.Spell(" "))));
    }

    /// <summary>The template's token ids (0 in the slots, padded with <c>&lt;|im_end|&gt;</c>) and the slot placement [20, length].</summary>
    private static (float[] Template, float[] Place) Layout(StandInTokenizer tokenizer, int answerLength)
    {
        float imEnd = tokenizer.Id("<|im_end|>");
        var template = new float[answerLength];
        Array.Fill(template, imEnd);
        var place = new float[Numbers * Slots * answerLength];
        int slot = 0;
        for (int i = 0; i < Template.Length; i++)
        {
            if (Template[i] == '#')
            {
                place[(slot++ * answerLength) + i] = 1f;
                template[i] = 0f;
            }
            else
            {
                template[i] = tokenizer.Id(StandInVocabulary.Spell(Template[i].ToString()));
            }
        }

        return (template, place);
    }
}
