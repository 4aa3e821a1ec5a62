using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests.Synthetic;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Seed_zero_gives_the_reference_sequence()
    {
        // Vigna's splitmix64.c with x = 0.
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
    }

    [Fact]
    public void Signed_noise_stays_in_minus_one_to_one_and_is_centred()
    {
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            float n = SplitMix64.Signed(7, i, 3, 1);
            Assert.InRange(n, -1f, 1f);
            sum += n;
        }

        Assert.InRange(sum / 10_000, -0.03, 0.03);
    }
}
