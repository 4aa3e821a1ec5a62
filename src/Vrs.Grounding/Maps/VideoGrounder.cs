using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Rollout;
using Vrs.Grounding.Runtime;
using Vrs.Media.Video;

namespace Vrs.Grounding.Maps;

/// <summary>
/// DecAF's map recipe on an LVLM bundle (lvlm-grounding.md §3): the object prompt over the sampled frames as one
/// video (its rollout row and its one-word answer), the background prompt naming that answer, optionally the same two
/// prompts per frame at twice the grid, then smoothing, object-minus-background contrast and video–frame fusion.
/// Deviation, said plainly: the object name comes from the video pass's answer alone (DecAF also asks per frame and
/// lets a text-only pass choose among the words).
/// </summary>
public sealed class VideoGrounder
{
    private readonly LvlmModel _model;
    private readonly GroundingOptions _options;
    private readonly QwenVisionPreprocessor _preprocessor;

    public VideoGrounder(LvlmModel model, GroundingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new GroundingOptions();
        _preprocessor = new QwenVisionPreprocessor(model.Settings.Vision);
    }

    /// <summary>One line per pass for progress output (pass name, detail).</summary>
    public event Action<string, string>? PassCompleted;

    /// <summary>Raised after every prefill (each is one model run over a whole prompt), for a progress counter.</summary>
    public event Action? PromptCompleted;

    /// <summary>How many prefills <see cref="Ground"/> runs for <paramref name="frames"/> sampled frames under these options.</summary>
    public int PromptCount(int frames) => (_options.BackgroundContrast ? 2 : 1) * (1 + (_options.FrameMaps ? frames : 0));

    /// <param name="frames">The sampled frames, in order, all the same size (copies: the grounder keeps no reference after returning).</param>
    /// <param name="frameIndices">Their indices in the video (reported back unchanged).</param>
    /// <exception cref="LvlmInputException">An empty query, or a prompt longer than the model's context.</exception>
    public GroundingResult Ground(IReadOnlyList<RgbFrame> frames, int[] frameIndices, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(frameIndices);
        LvlmInputException.RequireQuery(query);

        if (frames.Count == 0 || frames.Count != frameIndices.Length)
        {
            throw new ArgumentException($"{frames.Count} frames and {frameIndices.Length} indices given", nameof(frames));
        }

        int merge = _model.Settings.Vision.MergeSize;
        VisionInput video = _preprocessor.PreprocessVideo(frames, new PixelLimits(QwenVisionConfig.DefaultMinPixels, _options.VideoMaxPixels));
        // DecAF's frame mode: twice the video grid in each dimension, one image prompt per frame. Each frame is resized
        // and patched on another thread while the model runs the prompts before it (the first during the video passes).
        int frameHeight = video.Grid.Height / merge * 2 * _model.Settings.Vision.Factor;
        int frameWidth = video.Grid.Width / merge * 2 * _model.Settings.Vision.Factor;
        VisionInput Prepare(int i) => _preprocessor.PreprocessImageAtSize(frames[i].Pixels, frames[i].Width, frames[i].Height, frameHeight, frameWidth);
        Task<VisionInput>? next = _options.FrameMaps ? Task.Run(() => Prepare(0), cancellationToken) : null;

        float[] videoRows = _model.EncodeVision(video, cancellationToken); // shared by the object and background prompts
        (TokenMap objectVideo, GeneratedAnswer? generated, int promptTokens) = VideoPass(video, videoRows, GroundingPrompts.ObjectQuestion(query), answer: true, cancellationToken);
        GeneratedAnswer answer = generated!;
        string objectName = GroundingPrompts.ObjectName(answer.Text);
        PassCompleted?.Invoke("object", $"{frames.Count} frames as video, {video.Grid.TokenCount(merge)} visual tokens · answer \"{answer.Text.Trim()}\"");

        TokenMap? backgroundVideo = null;
        if (_options.BackgroundContrast)
        {
            backgroundVideo = VideoPass(video, videoRows, GroundingPrompts.BackgroundQuestion(objectName, isVideo: true), answer: false, cancellationToken).Map;
            PassCompleted?.Invoke("background", $"video, excluding \"{objectName}\"");
        }

        TokenMap? objectFrame = null;
        TokenMap? backgroundFrame = null;
        if (next is not null)
        {
            var objects = new List<TokenMap>(frames.Count);
            var backgrounds = new List<TokenMap>(frames.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                VisionInput image = next.GetAwaiter().GetResult();
                int following = i + 1;
                next = following < frames.Count ? Task.Run(() => Prepare(following), cancellationToken) : Task.FromResult(image);
                float[] imageRows = _model.EncodeVision(image, cancellationToken);
                objects.Add(ImagePass(image, imageRows, GroundingPrompts.ObjectQuestion(query), cancellationToken));
                if (_options.BackgroundContrast)
                {
                    backgrounds.Add(ImagePass(image, imageRows, GroundingPrompts.BackgroundQuestion(objectName, isVideo: false), cancellationToken));
                }
            }

            objectFrame = TokenMap.Stack(objects);
            backgroundFrame = _options.BackgroundContrast ? TokenMap.Stack(backgrounds) : null;
            PassCompleted?.Invoke("frames", $"{frames.Count} frame prompts at {objectFrame.Height}×{objectFrame.Width} tokens");
        }

        TokenMap videoMap = VideoLevelMap(objectVideo, backgroundVideo, frames.Count);
        TokenMap fused = Fuse(objectVideo, backgroundVideo, objectFrame, backgroundFrame, videoMap);
        return new GroundingResult(frameIndices, answer.Text, objectVideo, backgroundVideo, objectFrame, backgroundFrame, videoMap, fused, video.Grid.TokenCount(merge), promptTokens);
    }

    /// <summary>The video-level map alone, per sampled frame: smoothed (3×3), contrasted when a background map exists, global min–max.</summary>
    public static TokenMap VideoLevelMap(TokenMap objectVideo, TokenMap? backgroundVideo, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(objectVideo);
        TokenMap smooth = MapOperations.GaussianSmooth(objectVideo, MapOperations.VideoKernelSize);
        TokenMap map = backgroundVideo is null ? smooth : MapOperations.Contrast(smooth, MapOperations.GaussianSmooth(backgroundVideo, MapOperations.VideoKernelSize));
        return MapOperations.RepeatPairsToFrames(MapOperations.MinMaxGlobal(map), frameCount);
    }

    private static TokenMap Fuse(TokenMap objectVideo, TokenMap? backgroundVideo, TokenMap? objectFrame, TokenMap? backgroundFrame, TokenMap videoMap)
    {
        if (objectFrame is null)
        {
            return videoMap;
        }

        if (backgroundVideo is not null && backgroundFrame is not null)
        {
            return MapOperations.DecafFuse(objectVideo, backgroundVideo, objectFrame, backgroundFrame);
        }

        return MapOperations.FuseVideoAndFrame(
            MapOperations.GaussianSmooth(objectVideo, MapOperations.VideoKernelSize),
            MapOperations.GaussianSmooth(objectFrame, MapOperations.FrameKernelSize));
    }

    private (TokenMap Map, GeneratedAnswer? Answer, int PromptTokens) VideoPass(VisionInput video, float[] videoRows, string question, bool answer, CancellationToken cancellationToken)
    {
        LvlmPrompt prompt = LvlmPrompt.Build(_model, video, isVideo: true, question, answer ? _options.MaxNewTokens : 0);
        using ProbeOutput probe = Probe(prompt, videoRows, cancellationToken);
        GeneratedAnswer? generated = answer ? GreedyGenerator.Generate(_model, probe, prompt.Positions, _options.MaxNewTokens, cancellationToken) : null;
        return (TokenMap.FromRolloutRow(probe.RolloutRow, prompt.Vision, _model.Settings.Vision.MergeSize), generated, prompt.InputIds.Length);
    }

    private TokenMap ImagePass(VisionInput image, float[] imageRows, string question, CancellationToken cancellationToken)
    {
        LvlmPrompt prompt = LvlmPrompt.Build(_model, image, isVideo: false, question, answerBudget: 0);
        using ProbeOutput probe = Probe(prompt, imageRows, cancellationToken);
        return TokenMap.FromRolloutRow(probe.RolloutRow, prompt.Vision, _model.Settings.Vision.MergeSize);
    }

    private ProbeOutput Probe(LvlmPrompt prompt, float[] visionRows, CancellationToken cancellationToken)
    {
        float[] embeddings = prompt.Embeddings(_model, visionRows, cancellationToken);
        (int start, int length) = prompt.VisualRange;
        ProbeOutput probe = _model.Probe(embeddings, prompt.Positions.Positions, start, length, cancellationToken);
        PromptCompleted?.Invoke();
        return probe;
    }
}
