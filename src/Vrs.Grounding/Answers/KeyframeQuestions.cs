using Vrs.Grounding.Maps;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Runtime;
using Vrs.Media.Video;

namespace Vrs.Grounding.Answers;

/// <summary>
/// The generation passes on one frame: SteerSeg's attribute pass (a short description of the target's colour, position
/// and motion that a second prompt can lean on) and Veason-R1-style box grounding on a keyframe. Both are one probe
/// prefill plus greedy decoding with the KV cache.
/// </summary>
public sealed class KeyframeQuestions
{
    private readonly LvlmModel _model;
    private readonly QwenVisionPreprocessor _preprocessor;
    private readonly PixelLimits _limits;

    public KeyframeQuestions(LvlmModel model, PixelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _preprocessor = new QwenVisionPreprocessor(model.Settings.Vision);
        _limits = limits ?? PixelLimits.Default;
    }

    public static string AttributeQuestion(string expression) =>
        GroundingPrompts.NormalizeExpression(expression)
        + " \nDescribe the object this refers to in a few words: its colour, where it is in the frame and how it moves.";

    public static string BoxQuestion(string expression) =>
        $"Output the bounding box of the object this refers to: {GroundingPrompts.NormalizeExpression(expression)}";

    /// <summary>Preprocesses and encodes <paramref name="frame"/> once, for any number of questions about it.</summary>
    public EncodedKeyframe Encode(RgbFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        VisionInput image = _preprocessor.PreprocessImage(frame, _limits);
        return new EncodedKeyframe(frame.Index, frame.Width, frame.Height, image, _model.EncodeVision(image, cancellationToken));
    }

    /// <summary>Asks for the target's attributes on the keyframe; the decoded answer.</summary>
    public GeneratedAnswer Attributes(EncodedKeyframe keyframe, string expression, int maxNewTokens = GreedyGenerator.DefaultMaxNewTokens, CancellationToken cancellationToken = default) =>
        Ask(keyframe, AttributeQuestion(LvlmInputException.RequireQuery(expression)), maxNewTokens, cancellationToken);

    /// <summary>Asks for the target's box on the keyframe; the box in frame pixels (null when the answer holds none) and the answer.</summary>
    public (PixelBox? Box, GeneratedAnswer Answer) Box(EncodedKeyframe keyframe, string expression, int maxNewTokens = GreedyGenerator.DefaultMaxNewTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyframe);
        GeneratedAnswer answer = Ask(keyframe, BoxQuestion(LvlmInputException.RequireQuery(expression)), maxNewTokens, cancellationToken);
        VisionInput image = keyframe.Image;
        PixelBox? box = BoxAnswer.Parse(answer.Text, _model.Settings.Architecture, image.ResizedWidth, image.ResizedHeight, keyframe.Width, keyframe.Height);
        return (box, answer);
    }

    private GeneratedAnswer Ask(EncodedKeyframe keyframe, string question, int maxNewTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyframe);
        LvlmPrompt prompt = LvlmPrompt.Build(_model, keyframe.Image, isVideo: false, question, maxNewTokens);
        float[] embeddings = prompt.Embeddings(_model, keyframe.VisionRows, cancellationToken);
        (int start, int length) = prompt.VisualRange;
        using ProbeOutput probe = _model.Probe(embeddings, prompt.Positions.Positions, start, length, cancellationToken);
        return GreedyGenerator.Generate(_model, probe, prompt.Positions, maxNewTokens, cancellationToken);
    }
}

/// <summary>A keyframe preprocessed and through the vision encoder: its questions share these rows.</summary>
public sealed record EncodedKeyframe(int FrameIndex, int Width, int Height, VisionInput Image, float[] VisionRows);
