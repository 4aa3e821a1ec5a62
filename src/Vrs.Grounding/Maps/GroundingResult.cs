using Vrs.Grounding.Rollout;

namespace Vrs.Grounding.Maps;

/// <summary>
/// The maps of one video and query, on the LLM token grids. Video maps hold one slice per sampled frame (pairs
/// repeated, DecAF), frame maps one per sampled frame at twice the video grid; <see cref="Fused"/> is on the frame grid
/// when frame maps were made, else on the video grid. All fused/normalised values are in [0, 1].
/// </summary>
public sealed record GroundingResult(
    int[] FrameIndices,
    string ObjectAnswer,
    TokenMap ObjectVideo,
    TokenMap? BackgroundVideo,
    TokenMap? ObjectFrame,
    TokenMap? BackgroundFrame,
    TokenMap VideoMap,
    TokenMap Fused,
    int VideoTokens,
    int PromptTokens);
