using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Tests.Evaluation;

public class FrameWorkspaceTests
{
    [Fact]
    public void Ground_truth_buffer_is_cleared_unless_the_last_user_handed_it_back_clean()
    {
        var workspace = new FrameWorkspace();
        Span<byte> first = workspace.GroundTruth(64);
        first[10] = 3;

        // Not handed back clean (say the frame threw): the next frame must still see zeros.
        Assert.All(workspace.GroundTruth(64).ToArray(), b => Assert.Equal(0, b));

        Span<byte> second = workspace.GroundTruth(48);
        second[5] = 1;
        second[5] = 0;
        workspace.GroundTruthIsClean();
        Assert.All(workspace.GroundTruth(80).ToArray(), b => Assert.Equal(0, b));
    }
}
