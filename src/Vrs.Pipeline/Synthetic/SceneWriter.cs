using System.Text.Json;
using Vrs.Media;
using Vrs.Media.IO;
using Vrs.Media.Png;
using Vrs.Media.Video;

namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// Writes a scene to disk: as an H.264 mp4, as a folder of PNG frames, as ground-truth masks for chosen objects,
/// and the catalogue's queries as JSON. Frames and masks are named 00000.png, 00001.png, …, like vrs names the
/// frames of a video, so a mask folder lines up with both.
/// </summary>
public static class SceneWriter
{
    /// <summary>libx264 quality for synthetic clips: good enough that decoded colours stay within a few levels.</summary>
    private const int Crf = 18;

    /// <summary>Renders every frame into an H.264 mp4 (yuv420p) at <paramref name="path"/>.</summary>
    public static void WriteVideo(SyntheticScene scene, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        using var writer = new Mp4Writer(path, scene.Width, scene.Height, scene.Rate, Crf, cancellationToken: cancellationToken);
        for (int t = 0; t < scene.FrameCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer.Render(t, rgb, owner);
            writer.Write(rgb);
        }

        writer.Complete();
    }

    /// <summary>
    /// Renders every frame into <paramref name="folder"/> as <c>00000.png</c> … (lossless) or <c>00000.jpg</c> …
    /// A JPEG folder appears whole or not at all; PNGs are each written atomically.
    /// </summary>
    public static void WriteFrames(SyntheticScene scene, string folder, FrameFileFormat format = FrameFileFormat.Png, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        if (format == FrameFileFormat.Jpeg)
        {
            using var jpegs = new JpegFolderWriter(folder, scene.Width, scene.Height, cancellationToken: cancellationToken);
            for (int t = 0; t < scene.FrameCount; t++)
            {
                renderer.Render(t, rgb, owner);
                jpegs.Write(rgb);
            }

            jpegs.Complete();
            return;
        }

        Directory.CreateDirectory(folder);
        for (int t = 0; t < scene.FrameCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer.Render(t, rgb, owner);
            PngRgbEncoder.Write(Path.Combine(folder, SyntheticScene.FrameName(t) + ".png"), rgb, scene.Width, scene.Height);
        }
    }

    /// <summary>
    /// Writes one 8-bit gray PNG per frame, <c>folder/00000.png</c> …: 255 where one of <paramref name="objectIds"/>
    /// is the top-most object, 0 elsewhere (all 0 for no ids: an absent-object query).
    /// </summary>
    public static void WriteGroundTruth(SyntheticScene scene, IReadOnlyCollection<int> objectIds, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(objectIds);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        foreach (int id in objectIds)
        {
            scene.ObjectById(id);
        }

        Directory.CreateDirectory(folder);
        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        var mask = new GrayImage(scene.Width, scene.Height);
        for (int t = 0; t < scene.FrameCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer.RenderOwners(t, owner);
            SceneRenderer.Mask(owner, objectIds, mask.Pixels);
            PngEncoder.WriteGray(Path.Combine(folder, SyntheticScene.FrameName(t) + ".png"), mask);
        }
    }

    /// <summary>
    /// Writes the scenes, their objects and their queries (with target ids) as JSON: what a test or a newcomer
    /// needs to know which mask folder answers which sentence.
    /// </summary>
    public static void WriteQueries(IEnumerable<SyntheticScene> scenes, string path)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteStartArray("scenes");
            foreach (SyntheticScene scene in scenes)
            {
                WriteScene(json, scene);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteScene(Utf8JsonWriter json, SyntheticScene scene)
    {
        json.WriteStartObject();
        json.WriteString("name", scene.Name);
        json.WriteNumber("width", scene.Width);
        json.WriteNumber("height", scene.Height);
        json.WriteNumber("frames", scene.FrameCount);
        json.WriteString("fps", scene.Rate.ToString());
        json.WriteNumber("seed", scene.Seed);
        json.WriteStartArray("objects");
        foreach (SceneObject o in scene.Objects)
        {
            json.WriteStartObject();
            json.WriteNumber("id", o.Id);
            json.WriteString("shape", o.Shape.ToString().ToLowerInvariant());
            json.WriteString("colour", o.Colour.Name);
            json.WriteStartArray("rgb");
            json.WriteNumberValue(o.Colour.R);
            json.WriteNumberValue(o.Colour.G);
            json.WriteNumberValue(o.Colour.B);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("queries");
        foreach (SceneQuery q in scene.Queries)
        {
            json.WriteStartObject();
            json.WriteString("text", q.Text);
            json.WriteStartArray("targets");
            foreach (int id in q.TargetIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
