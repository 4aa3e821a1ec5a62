using System.Globalization;
using Vrs.Grounding.Maps;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.Runtime;
using Vrs.Media.Video;

namespace Vrs.Grounding.Answers;

/// <summary>
/// Veason-R1's keyframe + box question (lvlm-grounding.md §9): the sampled frames go in as separate images, each after
/// its timestamp "(Ns)" (N = the frame's index in the video), then the expression and the request for the keyframe's
/// timestamp and the target's boxes as JSON in &lt;answer&gt; tags. One probe prefill, greedy decoding, and
/// <see cref="VeasonAnswerParser"/>; a malformed answer comes back as <see cref="VeasonMalformed"/>, never a guess.
/// </summary>
public sealed class VeasonKeyframeQuestion
{
    /// <summary>Veason resizes every frame to 560×560 (20×20 = 400 tokens) whatever its aspect.</summary>
    public const int DefaultImageSide = 560;

    /// <summary>Veason's max_new_tokens: its answers start with a reasoning chain.</summary>
    public const int DefaultMaxNewTokens = 1024;

    private readonly LvlmModel _model;
    private readonly QwenVisionPreprocessor _preprocessor;
    private readonly int _imageSide;

    /// <param name="imageSide">The square side frames are resized to (a multiple of 28 stays as is).</param>
    public VeasonKeyframeQuestion(LvlmModel model, int imageSide = DefaultImageSide)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSide, 28);
        _model = model;
        _preprocessor = new QwenVisionPreprocessor(model.Settings.Vision);
        _imageSide = imageSide;
    }

    /// <summary>The text after the images; our wording of Veason's prompt.</summary>
    public static string Question(string expression, int frameCount) =>
        $"These are {frameCount.ToString(CultureInfo.InvariantCulture)} frames sampled uniformly from a video; the timestamp before each image says which frame it is. "
        + $"The expression is: '{GroundingPrompts.NormalizeExpression(expression)}'. Find the timestamp of the frame that shows the target best, "
        + "then give the bounding box of each target object in that frame. Think inside <think> </think> first, then answer inside "
        + "<answer> </answer> as JSON: {\"keyframe_timestamp\": timestamp, \"bbox_2d_list\": [[x1, y1, x2, y2], ...]}.";

    /// <summary>The user turn: "(Ns)" and the image for every frame, then <see cref="Question"/>.</summary>
    public static IReadOnlyList<ChatContent> Parts(IReadOnlyList<int> frameIndices, string expression)
    {
        ArgumentNullException.ThrowIfNull(frameIndices);
        var parts = new List<ChatContent>((2 * frameIndices.Count) + 1);
        foreach (int index in frameIndices)
        {
            parts.Add(ChatContent.FromText(string.Create(CultureInfo.InvariantCulture, $"({index}s)")));
            parts.Add(ChatContent.Image);
        }

        parts.Add(ChatContent.FromText(Question(expression, frameIndices.Count)));
        return parts;
    }

    /// <summary>Resizes and encodes one sampled frame (its <see cref="RgbFrame.Index"/> is its timestamp); the frame may be refilled afterwards.</summary>
    public TimestampedImage Encode(RgbFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Encode(frame.Pixels, frame.Width, frame.Height, frame.Index, cancellationToken);
    }

    /// <summary>Resizes and encodes one frame given as RGB bytes (row-major width×height×3) with its index in the video.</summary>
    public TimestampedImage Encode(ReadOnlySpan<byte> rgb, int width, int height, int frameIndex, CancellationToken cancellationToken = default)
    {
        // Veason resizes bilinearly before the processor; vrs uses the processor's own bicubic at the same size.
        VisionInput image = _preprocessor.PreprocessImageAtSize(rgb, width, height, _imageSide, _imageSide);
        return new TimestampedImage(frameIndex, width, height, image, _model.EncodeVision(image, cancellationToken));
    }

    /// <summary>Asks for the keyframe and boxes over <paramref name="frames"/> (in the order shown, distinct timestamps).</summary>
    /// <exception cref="LvlmInputException">The expression is empty, or the prompt does not fit the model's context.</exception>
    public VeasonAnswer Ask(IReadOnlyList<TimestampedImage> frames, string expression, int maxNewTokens = DefaultMaxNewTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        LvlmInputException.RequireQuery(expression);
        int[] timestamps = [.. frames.Select(f => f.FrameIndex)];
        if (timestamps.Distinct().Count() != timestamps.Length)
        {
            throw new ArgumentException("two shown frames have the same timestamp", nameof(frames));
        }

        LvlmInterleavedPrompt prompt = LvlmInterleavedPrompt.Build(_model, Parts(timestamps, expression), [.. frames.Select(f => f.Image)], maxNewTokens);
        float[] embeddings = prompt.Embeddings(_model, [.. frames.Select(f => f.VisionRows)], cancellationToken);
        (int start, int length) = prompt.VisualRange;
        GeneratedAnswer answer;
        using (ProbeOutput probe = _model.Probe(embeddings, prompt.Positions.Positions, start, length, cancellationToken))
        {
            answer = GreedyGenerator.Generate(_model, probe, prompt.Positions, maxNewTokens, cancellationToken);
        }

        VisionInput first = frames[0].Image;
        return VeasonAnswerParser.Parse(answer.Text, timestamps, (first.ResizedWidth, first.ResizedHeight), (frames[0].Width, frames[0].Height), answer.Stop);
    }
}

/// <summary>One sampled frame ready for the question: its timestamp (index in the video), size, resized input and vision rows.</summary>
public sealed record TimestampedImage(int FrameIndex, int Width, int Height, VisionInput Image, float[] VisionRows);
