using Vrs.Grounding.Runtime;

namespace Vrs.Grounding.Answers;

/// <summary>
/// The model's reply to <see cref="VeasonKeyframeQuestion"/>: either a keyframe with its boxes, or a malformed answer.
/// A malformed answer is never turned into a guess (Veason's own script falls back to frame 0 and an empty box); the
/// caller decides whether to ask again.
/// </summary>
/// <param name="Text">The generated text as decoded, for the report and for a retry's diagnosis.</param>
public abstract record VeasonAnswer(string Text, GenerationStop Stop);

/// <summary>A well-formed answer: the keyframe (a shown frame) and the target's boxes in its pixels (none if it listed none).</summary>
/// <param name="FrameIndex">The keyframe's index in the video: the timestamp the answer named.</param>
/// <param name="Position">Which of the shown frames it is (0-based, in the order shown).</param>
public sealed record VeasonKeyframe(string Text, GenerationStop Stop, int FrameIndex, int Position, IReadOnlyList<PixelBox> Boxes)
    : VeasonAnswer(Text, Stop);

/// <summary>An answer that could not be read as a keyframe and boxes; <paramref name="Reason"/> says why.</summary>
public sealed record VeasonMalformed(string Text, GenerationStop Stop, string Reason) : VeasonAnswer(Text, Stop);
