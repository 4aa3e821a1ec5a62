using Vrs.Media.Video;

namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// A synthetic clip with known ground truth: its size, length, rate, backdrop, objects and the queries asked
/// about it. <see cref="Seed"/> fixes every texture, so a scene renders to the same bytes on every run.
/// </summary>
public sealed record SyntheticScene
{
    public SyntheticScene(
        string name,
        int width,
        int height,
        int frameCount,
        FrameRate rate,
        ulong seed,
        IReadOnlyList<SceneObject> objects,
        IReadOnlyList<SceneQuery> queries,
        SceneBackground? background = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(queries);
        if (!rate.IsValid)
        {
            throw new ArgumentException($"scene {name}: frame rate {rate} is not positive", nameof(rate));
        }

        var ids = new HashSet<int>();
        foreach (SceneObject o in objects)
        {
            if (o.Id is < 1 or > 255 || !ids.Add(o.Id))
            {
                throw new ArgumentException($"scene {name}: object ids must be unique and in 1..255; {o.Id} is not", nameof(objects));
            }

            if (!(o.Size > 0))
            {
                throw new ArgumentException($"scene {name}: object {o.Id} has size {o.Size}; it must be positive", nameof(objects));
            }
        }

        foreach (SceneQuery q in queries)
        {
            int missing = q.TargetIds.FirstOrDefault(id => !ids.Contains(id));
            if (missing != 0)
            {
                throw new ArgumentException($"scene {name}: query \"{q.Text}\" targets object {missing}, which the scene does not have", nameof(queries));
            }
        }

        Name = name;
        Width = width;
        Height = height;
        FrameCount = frameCount;
        Rate = rate;
        Seed = seed;
        Objects = objects;
        Queries = queries;
        Background = background ?? SceneBackground.Default;
    }

    /// <summary>A short kebab-case name, unique in the catalogue; also a folder name.</summary>
    public string Name { get; }

    public int Width { get; }

    public int Height { get; }

    public int FrameCount { get; }

    public FrameRate Rate { get; }

    public ulong Seed { get; }

    public IReadOnlyList<SceneObject> Objects { get; }

    public IReadOnlyList<SceneQuery> Queries { get; }

    public SceneBackground Background { get; }

    /// <summary>The object with id <paramref name="id"/>.</summary>
    public SceneObject ObjectById(int id) =>
        Objects.FirstOrDefault(o => o.Id == id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, $"scene {Name} has no object {id}");

    /// <summary>The frame's file stem: its index zero-padded to five digits, as vrs names video frames.</summary>
    public static string FrameName(int frame) => frame.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
}
