namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// A sentence a person might type about a scene and the objects it refers to; the ground truth is the union of
/// their visible pixels. No targets means the sentence names something absent, so every frame's truth is empty.
/// </summary>
public sealed record SceneQuery(string Text, IReadOnlyList<int> TargetIds)
{
    public bool IsAbsent => TargetIds.Count == 0;
}
