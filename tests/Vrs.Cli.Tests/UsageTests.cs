namespace Vrs.Cli.Tests;

public class UsageTests
{
    [Theory]
    [InlineData(new string[0], "Run 'vrs --help' for usage.")]
    [InlineData(new[] { "eval", "-b", "revos" }, "Run 'vrs eval --help' for usage.")]
    [InlineData(new[] { "models", "check" }, "Run 'vrs models check --help' for usage.")]
    public async Task Usage_errors_exit_2_and_point_at_the_right_help(string[] args, string hint)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await VrsApplication.RunAsync(args, output, error);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(hint, error.ToString(), StringComparison.Ordinal);
    }
}
