using Vrs.Onnx;
using Vrs.Onnx.Graph;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// The stand-in's "language model": from all rows so far [T, 24] (prompt, vision rows, tokens generated so far) it
/// picks the next token of a fixed answer and returns logits 10·one-hot [1, 1, V].
/// <list type="bullet">
/// <item>idx = position of the last <c>&lt;|im_start|&gt;</c>; the prompt ends "&lt;|im_start|&gt;assistant\n", so
/// step = T − 1 − idx − 2 is 0 at the prefill's last row and grows by one per generated token fed back.</item>
/// <item>Evidence comes from rows before idx only: the colours named, box mode (any box word), keyframe mode (any
/// keyframe word, over box mode), and the vision rows
/// matching a named colour (Σ_c named[c]·sim_k[c] &gt; 0). c* is the named colour with the most matching rows
/// (first in palette order on ties).</item>
/// <item>Answers: "red object&lt;|im_end|&gt;" (c*'s word, " object"); in box mode
/// "&lt;|box_start|&gt;(x1,y1),(x2,y2)&lt;|box_end|&gt;&lt;|im_end|&gt;" with Qwen2-VL's 0–1000 coordinates of the matching
/// cells' extent, each 3 zero-padded digits; in keyframe mode Veason-R1's JSON (<see cref="KeyframeAnswerGraph"/>);
/// "none&lt;|im_end|&gt;" when nothing matches. Padded with
/// <c>&lt;|im_end|&gt;</c>; the token is A[min(step, K − 1)].</item>
/// </list>
/// </summary>
internal static class AnswerHeadGraph
{
    /// <summary>The box answer's length: box_start, "(ddd,ddd),(ddd,ddd)" (19 bytes), box_end, im_end.</summary>
    public const int BoxAnswerLength = 22;

    /// <summary>Every answer is padded to the longest, the keyframe answer.</summary>
    public static int AnswerLength { get; } = Math.Max(BoxAnswerLength, KeyframeAnswerGraph.Length);

    public const float LogitScale = 10f;

    /// <summary>Added before flooring 1000·coordinate, so a value that is an integer in exact arithmetic (x / w) but lands a few ulps below it in float does not lose one.</summary>
    private const float FloorSlack = 1e-3f;

    /// <summary>Positions of the 12 digits in the box answer (x1, y1, x2, y2, three each).</summary>
    private static readonly int[] s_digitSlots = [2, 3, 4, 6, 7, 8, 12, 13, 14, 16, 17, 18];

    public static GraphValue Build(GraphBuilder g, GraphValue rows, StandInTokenizer tokenizer)
    {
        int imEnd = tokenizer.Id("<|im_end|>");
        GraphValue count = g.Cast(g.Squeeze(StandInOps.RowCount(g, rows), [0]), TensorElementType.Float32);   // T as a float scalar
        GraphValue position = g.Range(g.Constant(0f), count, g.Constant(1f));                                  // [T]
        GraphValue imStart = g.Squeeze(StandInOps.Channels(g, rows, L.ImStart), [1]);
        GraphValue idx = g.ReduceMax(position * imStart, keepDims: false);
        GraphValue before = g.Unsqueeze(g.Cast(g.Less(position, idx), TensorElementType.Float32), [1]);       // [T,1]

        GraphValue named = g.Cast(
            g.Greater(g.ReduceMax(StandInOps.ColourWords(g, rows) * before, [0]), g.Constant(0f)),
            TensorElementType.Float32);                                                                        // [1,8]
        GraphValue boxMode = g.Greater(g.ReduceMax(StandInOps.Channels(g, rows, L.BoxWord) * before, keepDims: false), g.Constant(0f));
        GraphValue keyframeMode = g.Greater(g.ReduceMax(StandInOps.Channels(g, rows, L.KeyframeWord) * before, keepDims: false), g.Constant(0f));
        GraphValue simNamed = StandInOps.Similarity(g, rows) * before * named;                                 // [T,8]
        GraphValue perColour = g.ReduceSum(g.Cast(g.Greater(simNamed, g.Constant(0f)), TensorElementType.Float32), [0], keepDims: false);   // [8]
        GraphValue best = g.ArgMax(perColour, 0, keepDims: false);
        GraphValue anyMatch = g.Greater(g.ReduceMax(perColour, keepDims: false), g.Constant(0f));
        GraphValue matched = g.Greater(g.ReduceSum(simNamed, [1], keepDims: false), g.Constant(0f));          // [T]

        GraphValue answer = g.Where(
            anyMatch,
            g.Where(
                keyframeMode,
                KeyframeAnswerGraph.Build(g, rows, before, matched, tokenizer, AnswerLength),
                g.Where(boxMode, BoxAnswer(g, rows, matched, tokenizer), AttributeAnswer(g, best, tokenizer))),
            g.Constant(Padded([tokenizer.WordId("none"), imEnd], imEnd)));

        GraphValue step = g.Clip(count - 3f - idx, 0f, AnswerLength - 1);
        GraphValue token = g.Cast(g.Gather(answer, g.Cast(step, TensorElementType.Int64)), TensorElementType.Int64);
        return g.Node(
            "OneHot",
            [g.Reshape(token, [1, 1]), g.Constant((long)tokenizer.Size), g.Constant([0f, LogitScale])],
            [NodeAttribute.OfInt("axis", -1)]);                                                                // [1,1,V]
    }

    private static GraphValue AttributeAnswer(GraphBuilder g, GraphValue best, StandInTokenizer tokenizer)
    {
        float[] colourIds = [.. StandInPalette.Names.Select(n => (float)tokenizer.WordId(n))];
        GraphValue colour = g.Unsqueeze(g.Gather(g.Constant(colourIds), best), [0]);
        int imEnd = tokenizer.Id("<|im_end|>");
        float[] rest = Padded([tokenizer.WordId(" object"), imEnd], imEnd)[..(AnswerLength - 1)];
        return g.Concat([colour, g.Constant(rest)], 0);
    }

    private static GraphValue BoxAnswer(GraphBuilder g, GraphValue rows, GraphValue matched, StandInTokenizer tokenizer)
    {
        GraphValue centreX = g.Squeeze(StandInOps.Channels(g, rows, L.CentreX), [1]);
        GraphValue centreY = g.Squeeze(StandInOps.Channels(g, rows, L.CentreY), [1]);
        GraphValue halfWidth = g.Squeeze(StandInOps.Channels(g, rows, L.CellWidth), [1]) * 0.5f;
        GraphValue halfHeight = g.Squeeze(StandInOps.Channels(g, rows, L.CellHeight), [1]) * 0.5f;
        GraphValue[] extent =
        [
            g.ReduceMin(g.Where(matched, centreX - halfWidth, g.Constant(2f)), keepDims: true),
            g.ReduceMin(g.Where(matched, centreY - halfHeight, g.Constant(2f)), keepDims: true),
            g.ReduceMax(g.Where(matched, centreX + halfWidth, g.Constant(-1f)), keepDims: true),
            g.ReduceMax(g.Where(matched, centreY + halfHeight, g.Constant(-1f)), keepDims: true),
        ];
        GraphValue thousandths = g.Clip(g.Floor((g.Concat(extent, 0) * 1000f) + FloorSlack), 0f, 999f);       // [4]: x1, y1, x2, y2
        GraphValue value = g.Unsqueeze(g.Cast(thousandths, TensorElementType.Int64), [1]);                     // [4,1]
        GraphValue ten = g.Constant(10L);
        GraphValue digits = g.Concat(
            [g.Div(value, g.Constant(100L)), g.Node("Mod", [g.Div(value, ten), ten]), g.Node("Mod", [value, ten])],
            1);                                                                                                // [4,3]
        GraphValue digitIds = g.Cast(g.Reshape(digits, [1, 12]), TensorElementType.Float32) + tokenizer.Id("0");

        var place = new float[12 * AnswerLength];
        for (int i = 0; i < s_digitSlots.Length; i++)
        {
            place[(i * AnswerLength) + s_digitSlots[i]] = 1f;
        }

        float[] template = BoxTemplate(tokenizer);
        GraphValue placed = g.MatMul(digitIds, g.Constant(TensorData.FromFloat32(place, [12, AnswerLength])));
        return g.Squeeze(placed, [0]) + g.Constant(template);
    }

    /// <summary>The box answer with 0 in the digit slots.</summary>
    private static float[] BoxTemplate(StandInTokenizer tokenizer)
    {
        int open = tokenizer.Id("(");
        int close = tokenizer.Id(")");
        int comma = tokenizer.Id(",");
        int[] tokens =
        [
            tokenizer.Id("<|box_start|>"), open, 0, 0, 0, comma, 0, 0, 0, close, comma,
            open, 0, 0, 0, comma, 0, 0, 0, close, tokenizer.Id("<|box_end|>"), tokenizer.Id("<|im_end|>"),
        ];
        return Padded(tokens, tokenizer.Id("<|im_end|>"));
    }

    private static float[] Padded(int[] tokens, int pad)
    {
        var answer = new float[AnswerLength];
        Array.Fill(answer, pad);
        for (int i = 0; i < tokens.Length; i++)
        {
            answer[i] = tokens[i];
        }

        return answer;
    }
}
