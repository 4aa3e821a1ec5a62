using System.Collections.Concurrent;
using Vrs.Grounding.Rollout;
using Vrs.Media;
using Vrs.Pipeline.Method;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Tracking;

/// <summary>
/// Runs SAM 2 over the whole video for a set of objects in one predictor state (the image encoder runs once per
/// frame whatever the number of objects) and keeps each object's masks as RLE, pooled onto the token grids on the
/// sampled frames when grids are given. Both <c>vrs segment</c>'s candidates and <c>vrs track</c>'s objects go
/// through here.
/// </summary>
public sealed class MaskTracker
{
    private readonly Sam2VideoPredictor _predictor;
    private readonly Sam2MaskRenderer _renderer;
    private readonly int _width;
    private readonly int _height;

    public MaskTracker(Sam2VideoPredictor predictor, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        _predictor = predictor;
        _width = width;
        _height = height;
        _renderer = new Sam2MaskRenderer(width, height);
    }

    /// <summary>Raised once per tracked frame (for progress).</summary>
    public event Action? FrameTracked;

    public Sam2VideoPredictor Predictor => _predictor;

    /// <summary>Adds a prompt and returns that object's mask on the prompted frame (RLE counts) with its predicted IoU and object score.</summary>
    public (uint[] Mask, float Iou, float ObjectScore) Prompt(ObjectPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Sam2FrameResult result = _predictor.AddNewPointsOrBox(prompt.Frame, prompt.ObjectId, prompt.Points, prompt.Box, clearOldPoints: true, cancellationToken);
        Sam2ObjectResult mine = result.Objects.First(o => o.ObjectId == prompt.ObjectId);
        var image = new GrayImage(_width, _height);
        _renderer.Render(new Sam2FrameResult(result.Frame, [mine]), [image.Pixels]);
        return (CocoRle.EncodeCounts(image.Pixels, _height, _width), mine.Iou, mine.ObjectScore);
    }

    /// <summary>
    /// Tracks every prompted object forward then backward; one tracklet per object id, in predictor order. Rendering
    /// each frame's masks at video size, their RLE and pooling run on a second thread while the predictor goes on with
    /// the next frames (a few frames behind at most), so the host's share of the tracking stays small.
    /// </summary>
    /// <param name="grids">Where to pool the masks for ranking; null when nothing is ranked.</param>
    /// <param name="nonOverlap">Give each pixel to at most one object (the highest logit).</param>
    public IReadOnlyList<Tracklet> Track(TrackingGrids? grids, bool nonOverlap, CancellationToken cancellationToken)
    {
        int[] ids = [.. _predictor.ObjectIds];
        Tracklet[] tracklets = [.. ids.Select(id => new Tracklet(id, _predictor.FrameCount))];
        byte[][] buffers = [.. ids.Select(_ => new byte[_width * _height])];
        Pooler? pooler = grids is null ? null : new Pooler(grids, ids.Length, _width, _height);

        // The predictor hands out each frame's logits and never writes them again, so another thread may read them.
        using var queue = new BlockingCollection<Sam2FrameResult>(boundedCapacity: 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task encoder = Task.Run(
            () =>
            {
                try
                {
                    foreach (Sam2FrameResult frame in queue.GetConsumingEnumerable(stop.Token))
                    {
                        _renderer.Render(frame, buffers, nonOverlap);
                        for (int i = 0; i < ids.Length; i++)
                        {
                            tracklets[i].Masks[frame.Frame] = CocoRle.EncodeCounts(buffers[i], _height, _width);
                            pooler?.Add(frame.Frame, i, buffers[i]);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    stop.Cancel(); // a tracker blocked on a full queue must not wait for a reader that is gone
                    throw;
                }
            },
            stop.Token);
        try
        {
            foreach (Sam2FrameResult frame in _predictor.PropagateBothWays(cancellationToken))
            {
                queue.Add(frame, stop.Token);
                FrameTracked?.Invoke();
            }

            queue.CompleteAdding();
            encoder.GetAwaiter().GetResult();
        }
        catch
        {
            stop.Cancel();
            try
            {
                encoder.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The encoder stopped because tracking failed or was cancelled: that is the failure to report. (An
                // encoder that failed first throws its own exception from GetResult above instead.)
            }

            throw;
        }

        pooler?.Finish(tracklets);
        return tracklets;
    }

    /// <summary>Pools each object's mask onto the map grids on the sampled frames.</summary>
    private sealed class Pooler
    {
        private readonly Dictionary<int, int> _slice = [];
        private readonly GridPooling? _frameGrid;
        private readonly GridPooling _videoGrid;
        private readonly TokenMap?[] _frame;
        private readonly TokenMap[] _video;

        public Pooler(TrackingGrids grids, int objects, int width, int height)
        {
            for (int s = 0; s < grids.SampledFrames.Count; s++)
            {
                _slice[grids.SampledFrames[s]] = s;
            }

            int slices = grids.SampledFrames.Count;
            if (grids.FrameMap is { } frameMap)
            {
                _frameGrid = new GridPooling(width, height, frameMap.Width, frameMap.Height);
            }

            _videoGrid = new GridPooling(width, height, grids.VideoMap.Width, grids.VideoMap.Height);
            _frame = [.. Enumerable.Range(0, objects).Select(_ => _frameGrid is null ? null : new TokenMap(slices, _frameGrid.GridHeight, _frameGrid.GridWidth))];
            _video = [.. Enumerable.Range(0, objects).Select(_ => new TokenMap(slices, _videoGrid.GridHeight, _videoGrid.GridWidth))];
        }

        public void Add(int frame, int index, byte[] mask)
        {
            if (!_slice.TryGetValue(frame, out int s))
            {
                return;
            }

            if (_frameGrid is not null)
            {
                _frameGrid.Pool(mask, _frame[index]!.Frame(s));
            }

            _videoGrid.Pool(mask, _video[index].Frame(s));
        }

        public void Finish(Tracklet[] tracklets)
        {
            for (int i = 0; i < tracklets.Length; i++)
            {
                tracklets[i].PooledFrame = _frame[i];
                tracklets[i].PooledVideo = _video[i];
            }
        }
    }
}
