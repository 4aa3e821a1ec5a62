using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

[Collection(SyntheticMediaCollection.Name)]
public sealed class FrameSourceTests(SyntheticMedia media)
{
    private const int Frames = SyntheticMedia.Frames;

    public static TheoryData<string> AllVideos => new() { "lossless", "h264", "mjpeg", "vp9", "h264mkv" };

    [Fact]
    public void Probe_reports_size_exact_frame_count_rate_and_codec()
    {
        VideoInfo info = VideoProbe.Probe(media.H264);
        Assert.Equal((64, 48, 30, new FrameRate(25, 1), "h264", 0), (info.Width, info.Height, info.FrameCount, info.FrameRate, info.Codec, info.Rotation));
        Assert.Equal("ffv1", VideoProbe.Probe(media.Lossless).Codec);
        Assert.Equal(30, VideoProbe.Probe(media.Mjpeg).FrameCount);
        Assert.Equal(30, VideoProbe.Probe(media.Vp9).FrameCount);
    }

    [Fact]
    public void Lossless_video_decodes_to_the_exact_pixels_with_index_names()
    {
        using FrameSource source = FrameSource.Open(media.Lossless);
        Assert.Equal((30, 64, 48, false), (source.Count, source.Width, source.Height, source.IsFolder));
        int i = 0;
        RgbFrame? previous = null;
        foreach (RgbFrame frame in source.Read())
        {
            Assert.Equal(i, frame.Index);
            Assert.Equal($"{i:D5}", frame.Name);
            Assert.Equal(SyntheticMedia.Expected(i), frame.Pixels);
            Assert.True(previous is null || ReferenceEquals(previous, frame), "the frame buffer is reused");
            previous = frame;
            i++;
        }

        Assert.Equal(Frames, i);
    }

    [Fact]
    public void Decode_time_grows_while_a_source_opens_and_reads_frames()
    {
        TimeSpan before = FrameSource.DecodeTime;
        using FrameSource source = FrameSource.Open(media.H264);
        TimeSpan opened = FrameSource.DecodeTime;
        int frames = source.Read().Count();

        // Other tests may decode at the same time: the counter only ever grows, so these hold whatever they do.
        Assert.Equal(Frames, frames);
        Assert.True(opened > before, "probing the video is counted");
        Assert.True(FrameSource.DecodeTime > opened, "reading its frames is counted");
    }

    [Fact]
    public void Frame_folder_keeps_file_names_and_exact_pixels()
    {
        using FrameSource source = FrameSource.Open(media.FrameFolder);
        Assert.True(source.IsFolder);
        Assert.Equal(Frames, source.Count);
        Assert.Equal("f0000", source.Frames[0].Name);
        Assert.Equal("f0145", source.Frames[29].Name);
        int i = 0;
        foreach (RgbFrame frame in source.Read())
        {
            Assert.Equal($"f{i * 5:D4}", frame.Name);
            Assert.Equal(SyntheticMedia.Expected(i), frame.Pixels);
            i++;
        }

        Assert.Equal(Frames, i);
    }

    [Theory]
    [MemberData(nameof(AllVideos))]
    public void Every_container_yields_every_frame_in_order(string which)
    {
        using FrameSource source = FrameSource.Open(PathOf(which));
        int[] seen = source.Read().Select(f => SyntheticMedia.IdentifyFrame(f.Pixels)).ToArray();
        Assert.Equal(Enumerable.Range(0, Frames), seen);
    }

    [Theory]
    [MemberData(nameof(AllVideos))]
    public void Reading_from_frame_k_starts_exactly_at_k(string which)
    {
        using FrameSource source = FrameSource.Open(PathOf(which));
        foreach (int k in (int[])[1, 5, 7, 8, 9, 17, 29])
        {
            RgbFrame[] got = source.Read(k, 3).Select(Copy).ToArray();
            int expectedCount = Math.Min(3, Frames - k);
            Assert.Equal(expectedCount, got.Length);
            for (int j = 0; j < expectedCount; j++)
            {
                Assert.Equal(k + j, got[j].Index);
                Assert.Equal(k + j, SyntheticMedia.IdentifyFrame(got[j].Pixels));
            }
        }
    }

    [Fact]
    public void Seeking_in_a_lossless_video_gives_the_same_bytes_as_decoding_from_the_start()
    {
        using FrameSource source = FrameSource.Open(media.Lossless);
        foreach (int k in (int[])[3, 16, 28])
        {
            RgbFrame frame = source.Read(k, 1).Single();
            Assert.Equal(SyntheticMedia.Expected(k), frame.Pixels);
        }
    }

    [Theory]
    [InlineData("h264", 29, 30)]
    [InlineData("h264mkv", 20, 21)]
    [InlineData("lossless", 13, 5)]
    [InlineData("folder", 29, 30)]
    public void Backward_reading_yields_frames_in_reverse_in_bounded_chunks(string which, int start, int count)
    {
        // 4 frames of 64×48 per chunk, so a whole video takes several chunks.
        var options = new FrameSourceOptions { BackwardBufferBytes = 4 * 64 * 48 * 3 };
        using FrameSource source = FrameSource.Open(PathOf(which), options);
        Assert.Equal(4, source.BackwardChunkFrames);
        var indices = new List<int>();
        var shown = new List<int>();
        foreach (RgbFrame frame in source.ReadBackward(start, count))
        {
            indices.Add(frame.Index);
            shown.Add(SyntheticMedia.IdentifyFrame(frame.Pixels));
        }

        int[] expected = Enumerable.Range(start - count + 1, count).Reverse().ToArray();
        Assert.Equal(expected, indices);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Scaling_happens_inside_ffmpeg_to_the_requested_size()
    {
        var options = new FrameSourceOptions { Width = 32, Height = 16 };
        using FrameSource source = FrameSource.Open(media.Lossless, options);
        Assert.Equal((32, 16, 64, 48), (source.Width, source.Height, source.SourceWidth, source.SourceHeight));
        RgbFrame frame = source.Read(10, 1).Single();
        Assert.Equal(32 * 16 * 3, frame.Pixels.Length);

        // Red is flat (8·10) and survives any resampling; green runs 40..103 across, so the middle is near 72.
        Assert.Equal(80, frame.Pixels[0]);
        int middle = ((8 * 32) + 16) * 3;
        Assert.InRange(frame.Pixels[middle + 1], 68, 76);
        using FrameSource folder = FrameSource.Open(media.FrameFolder, options);
        Assert.Equal(32 * 16 * 3, folder.Read(0, 1).Single().Pixels.Length);
    }

    [Theory]
    [InlineData(32, 24)]
    [InlineData(33, 17)]
    public void Scaled_h264_goes_through_the_yuv_path_at_the_requested_size(int width, int height)
    {
        using FrameSource source = FrameSource.Open(media.H264, new FrameSourceOptions { Width = width, Height = height });
        int[] seen = source.Read(20).Select(f =>
        {
            Assert.Equal((width, height, width * height * 3), (f.Width, f.Height, f.Pixels.Length));
            return SyntheticMedia.IdentifyFrame(f.Pixels);
        }).ToArray();
        Assert.Equal(Enumerable.Range(20, 10), seen);
    }

    [Fact]
    public void Missing_file_is_a_FileNotFoundException_naming_it()
    {
        string missing = Path.Combine(media.Root, "nope.mp4");
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => FrameSource.Open(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_not_a_video()
    {
        string text = Path.Combine(media.Root, "notes.mp4");
        File.WriteAllText(text, "not a video at all\n");
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => VideoProbe.Probe(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("ffprobe says: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audio_file_has_no_video_stream()
    {
        string wav = Path.Combine(media.Root, "tone.wav");
        SyntheticMedia.Ffmpeg(["-f", "lavfi", "-i", "sine=d=0.2", wav]);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FrameSource.Open(wav));
        Assert.Contains("no video stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_mp4_is_refused_with_the_frame_it_stops_at()
    {
        byte[] whole = File.ReadAllBytes(media.H264);
        string cut = Path.Combine(media.Root, "cut.mp4");
        File.WriteAllBytes(cut, whole[..(whole.Length * 3 / 4)]);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FrameSource.Open(cut));
        Assert.Contains(cut, e.Message, StringComparison.Ordinal);
        Assert.Contains("stops at frame", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_folder_with_a_broken_image_fails_at_that_frame()
    {
        string folder = Path.Combine(media.Root, "broken-frames");
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(media.FrameFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        byte[] png = File.ReadAllBytes(Path.Combine(folder, "f0035.png"));
        File.WriteAllBytes(Path.Combine(folder, "f0035.png"), png[..40]);
        using FrameSource source = FrameSource.Open(folder);
        int read = 0;
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (RgbFrame frame in source.Read())
            {
                read++;
            }
        });
        Assert.InRange(read, 0, 7);
        Assert.Contains("frame 7 (f0035.png) cannot be decoded: ffmpeg says: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(folder, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_video_corrupt_mid_stream_fails_naming_the_frame_reached()
    {
        // Overwrite bytes in the middle of the mp4's media data: the container still opens and counts 30 frames,
        // but the decoder rejects a packet part-way through.
        byte[] bytes = File.ReadAllBytes(media.H264);
        int middle = bytes.Length / 2;
        for (int i = 0; i < 400; i++)
        {
            bytes[middle + i] = (byte)i;
        }

        string corrupt = Path.Combine(media.Root, "corrupt.mp4");
        File.WriteAllBytes(corrupt, bytes);
        using FrameSource source = FrameSource.Open(corrupt);
        Assert.Equal(Frames, source.Count);
        int read = 0;
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (RgbFrame frame in source.Read())
            {
                read++;
            }
        });
        Assert.InRange(read, 0, Frames - 1);
        Assert.Contains($"{corrupt}: decoding stopped at frame {read} of {Frames} frames: ffmpeg says: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_reading_and_kills_ffmpeg()
    {
        using FrameSource source = FrameSource.Open(media.Lossless);
        using var cancel = new CancellationTokenSource();
        int read = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (RgbFrame frame in source.Read(0, Frames, cancel.Token))
            {
                read++;
                if (read == 3)
                {
                    cancel.Cancel();
                }
            }
        });
        Assert.InRange(read, 3, Frames - 1);
    }

    [Fact]
    public void Start_outside_the_video_is_an_argument_error()
    {
        using FrameSource source = FrameSource.Open(media.Lossless);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(31));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadBackward(30));
        Assert.Empty(source.Read(30));
    }

    private string PathOf(string which) => which switch
    {
        "lossless" => media.Lossless,
        "h264" => media.H264,
        "mjpeg" => media.Mjpeg,
        "vp9" => media.Vp9,
        "h264mkv" => media.H264Mkv,
        "folder" => media.FrameFolder,
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    private static RgbFrame Copy(RgbFrame frame)
    {
        var copy = new RgbFrame(frame.Width, frame.Height);
        frame.CopyTo(copy);
        return copy;
    }
}
