using Vrs.Benchmarks.Datasets;

namespace Vrs.Benchmarks.Tests.Datasets;

public class ContainedPathTests
{
    [Theory]
    [InlineData("TAO/val/clip1", "0")]
    [InlineData("video", "3")]
    [InlineData("a/./b", "1")]
    public void Keeps_names_inside_the_root(string video, string exp)
    {
        string root = Path.Combine(Path.GetTempPath(), "pred");
        string path = ContainedPath.Combine(root, "video key", video, exp);
        Assert.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("/etc")]
    [InlineData("..")]
    public void Refuses_names_that_escape(string video)
    {
        string root = Path.Combine(Path.GetTempPath(), "pred");
        var error = Assert.Throws<InvalidDataException>(() => ContainedPath.Combine(root, "video key", video, "0"));
        Assert.Contains("video key", error.Message, StringComparison.Ordinal);
    }
}
