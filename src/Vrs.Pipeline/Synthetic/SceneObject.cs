namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// One object of a scene. <paramref name="Size"/> is the shape's half-extent in pixels (see <see cref="ShapeKind"/>);
/// objects with a higher <paramref name="Layer"/> are drawn over lower ones (ties: higher id on top). The object
/// exists only on frames <paramref name="FirstFrame"/>..<paramref name="LastFrame"/>.
/// </summary>
/// <param name="Id">1..255, unique in the scene; ground truth and queries name objects by it.</param>
/// <param name="Shape">The outline.</param>
/// <param name="Colour">The paint and its colour word.</param>
/// <param name="Size">Half-extent in pixels.</param>
/// <param name="Path">The centre over time.</param>
/// <param name="Layer">Drawing order; higher is nearer the camera.</param>
/// <param name="FirstFrame">First frame the object exists on.</param>
/// <param name="LastFrame">Last frame the object exists on.</param>
public sealed record SceneObject(
    int Id,
    ShapeKind Shape,
    NamedColour Colour,
    float Size,
    Trajectory Path,
    int Layer = 0,
    int FirstFrame = 0,
    int LastFrame = int.MaxValue)
{
    public bool ExistsAt(int frame) => frame >= FirstFrame && frame <= LastFrame;

    /// <summary>"red disc", for listings and queries.json.</summary>
    public string Describe() => $"{Colour.Name} {Shape.ToString().ToLowerInvariant()}";
}
