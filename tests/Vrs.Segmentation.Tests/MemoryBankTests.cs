namespace Vrs.Segmentation.Tests;

/// <summary>
/// The memory bank's schedules against hand-worked cases of the official rules
/// (<c>_prepare_memory_conditioned_features</c>, SAM 2.1: num_maskmem 7, max_obj_ptrs 16, stride 1).
/// </summary>
public sealed class MemoryBankTests
{
    private static MemoryBank<string> Bank(int frames, IEnumerable<int> conditioning, IEnumerable<int> tracked)
    {
        var bank = new MemoryBank<string>(frames);
        foreach (int c in conditioning)
        {
            bank.SetConditioning(c, $"c{c}");
        }

        foreach (int t in tracked)
        {
            bank.SetNonConditioning(t, $"n{t}");
        }

        return bank;
    }

    [Fact]
    public void Forward_at_frame_10_reads_the_prompt_in_slot_6_and_frames_4_to_9_in_slots_5_to_0()
    {
        MemoryBank<string> bank = Bank(100, [0], Enumerable.Range(1, 9));
        MemorySchedule s = bank.Schedule(10, reverse: false);

        Assert.Equal(
            [new(0, 6, true), new(4, 5, false), new(5, 4, false), new(6, 3, false), new(7, 2, false), new(8, 1, false), new(9, 0, false)],
            s.Spatial);
        // Pointers: the prompt at distance 10, then frames 9, 8, ..., 1 at distances 1..9 (frame 0 is conditioning, not re-read).
        Assert.Equal([new PointerRef(0, 10), .. Enumerable.Range(1, 9).Select(k => new PointerRef(10 - k, k))], s.Pointers);
        Assert.Equal(15, s.DistanceNormalizer);
    }

    [Fact]
    public void The_first_tracked_frame_reads_only_the_prompted_frame()
    {
        MemorySchedule s = Bank(50, [0], []).Schedule(1, reverse: false);
        Assert.Equal([new SpatialMemoryRef(0, 6, true)], s.Spatial);
        Assert.Equal([new PointerRef(0, 1)], s.Pointers);
    }

    [Fact]
    public void Steady_state_forward_reads_six_recent_frames_and_fifteen_pointer_frames()
    {
        MemorySchedule s = Bank(1000, [0], Enumerable.Range(1, 99)).Schedule(100, reverse: false);
        Assert.Equal(7, s.Spatial.Count);
        Assert.Equal([94, 95, 96, 97, 98, 99], s.Spatial.Skip(1).Select(m => m.Frame));
        Assert.Equal(16, s.Pointers.Count);
        Assert.Equal(new PointerRef(0, 100), s.Pointers[0]);
        Assert.Equal(new PointerRef(85, 15), s.Pointers[^1]);
    }

    [Fact]
    public void Reverse_mirrors_the_frames_and_keeps_distances_positive()
    {
        // Prompt on 20, tracked backward through 19..16; now at 15.
        MemorySchedule s = Bank(100, [20], [19, 18, 17, 16]).Schedule(15, reverse: true);

        // t_rel 6 → 21 (missing), 5 → 20 (conditioning, not a recent memory), 4 → 19 ... 1 → 16.
        Assert.Equal(
            [new(20, 6, true), new(19, 3, false), new(18, 2, false), new(17, 1, false), new(16, 0, false)],
            s.Spatial);
        Assert.Equal([new(20, 5), new(16, 1), new(17, 2), new(18, 3), new(19, 4)], s.Pointers);
    }

    [Fact]
    public void A_future_prompt_is_attended_as_spatial_memory_but_its_pointer_is_not_read_yet()
    {
        MemorySchedule s = Bank(100, [0, 10], [1, 2, 3, 4]).Schedule(5, reverse: false);
        Assert.Contains(new SpatialMemoryRef(10, 6, true), s.Spatial);
        Assert.DoesNotContain(s.Pointers, p => p.Frame == 10);
        Assert.Equal(new PointerRef(0, 5), s.Pointers[0]);
    }

    [Fact]
    public void Backward_after_forward_reads_the_forward_outputs_after_the_prompt()
    {
        // Forward from 10 produced 11..30; the backward pass at 9 reads 11..15 (slots 1..5) and pointers 11..24.
        MemorySchedule s = Bank(100, [10], Enumerable.Range(11, 20)).Schedule(9, reverse: true);
        Assert.Equal([new(10, 6, true), new(15, 5, false), new(14, 4, false), new(13, 3, false), new(12, 2, false), new(11, 1, false)], s.Spatial);
        Assert.Equal([new PointerRef(10, 1), .. Enumerable.Range(2, 14).Select(k => new PointerRef(9 + k, k))], s.Pointers);
    }

    [Fact]
    public void A_short_video_normalises_pointer_distances_by_its_length_and_stops_at_frame_0()
    {
        MemorySchedule s = Bank(8, [0], [1, 2]).Schedule(3, reverse: false);
        Assert.Equal(7, s.DistanceNormalizer);
        Assert.Equal([new(0, 3), new(2, 1), new(1, 2)], s.Pointers);
    }

    [Fact]
    public void Missing_recent_frames_are_skipped_not_padded()
    {
        MemorySchedule s = Bank(100, [0], [40, 42, 44]).Schedule(45, reverse: false);
        Assert.Equal([new(0, 6, true), new(40, 4, false), new(42, 2, false), new(44, 0, false)], s.Spatial);
    }

    [Fact]
    public void Prompting_a_tracked_frame_as_conditioning_drops_its_tracked_entry()
    {
        MemoryBank<string> bank = Bank(20, [0], [1, 2, 3]);
        bank.SetConditioning(2, "c2");
        Assert.Equal("c2", bank.Get(2));
        Assert.False(bank.NonConditioning.ContainsKey(2));
        Assert.Equal(4, bank.RetainedCount);
    }

    [Fact]
    public void Eviction_keeps_the_read_window_and_the_frames_around_prompts()
    {
        var bank = new MemoryBank<string>(1000);
        bank.SetConditioning(0, "c0");
        var evicted = new List<string>();
        for (int t = 1; t <= 100; t++)
        {
            bank.SetNonConditioning(t, $"n{t}");
            bank.Evict(t, reverse: false, evicted);
        }

        Assert.Equal(Enumerable.Range(16, 70).Select(f => $"n{f}"), evicted);

        // Frame 101 reads back to 86; a backward pass from the prompt would read 1..15.
        Assert.Equal([.. Enumerable.Range(1, 15), .. Enumerable.Range(86, 15)], bank.NonConditioning.Keys.Order());
        Assert.Equal(31, bank.RetainedCount);
    }

    [Fact]
    public void Eviction_in_reverse_keeps_the_frames_ahead()
    {
        var bank = new MemoryBank<string>(1000);
        bank.SetConditioning(999, "c");
        for (int t = 998; t >= 900; t--)
        {
            bank.SetNonConditioning(t, $"n{t}");
            bank.Evict(t, reverse: true);
        }

        Assert.Equal([.. Enumerable.Range(900, 15), .. Enumerable.Range(984, 15)], bank.NonConditioning.Keys.Order());
    }

    [Fact]
    public void Tracked_directions_are_remembered_for_corrections()
    {
        var bank = new MemoryBank<string>(10);
        bank.MarkTracked(3, reverse: true);
        bank.MarkTracked(4, reverse: false);
        Assert.True(bank.IsTracked(3));
        Assert.True(bank.WasTrackedInReverse(3));
        Assert.False(bank.WasTrackedInReverse(4));
        Assert.False(bank.IsTracked(5));
    }
}
