using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>NFC by hand: the build is InvariantGlobalization, where string.Normalize does nothing.</summary>
public sealed class NfcNormalizerTests
{
    [Theory]
    [InlineData("e\u0301", "\u00E9")]                    // e + acute → é
    [InlineData("A\u030A", "\u00C5")]                    // A + ring → Å
    [InlineData("\u212B", "\u00C5")]                     // Angstrom sign (singleton) → Å
    [InlineData("u\u0308\u0304", "\u01D6")]              // u + diaeresis + macron → ǖ (two steps)
    [InlineData("a\u0323\u0302", "\u1EAD")]              // dot below then circumflex → ậ
    [InlineData("a\u0302\u0323", "\u1EAD")]              // reordered by combining class first
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]         // Hangul L V T → 각
    [InlineData("\uAC00\u11A8", "\uAC01")]               // LV syllable + T → 각
    [InlineData("\u0958", "\u0915\u093C")]               // composition exclusion stays decomposed
    [InlineData("x\u0301\u0301", "x\u0301\u0301")]       // nothing to compose with
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]   // supplementary singleton decomposition, excluded from composition
    public void Composes_like_unicode_nfc(string input, string expected)
    {
        Assert.Equal(expected, NfcNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("plain ascii text")]
    [InlineData("视频推理分割 한국어 😀 Ελληνικά")]
    public void Text_already_in_nfc_is_returned_as_is(string text)
    {
        Assert.Same(text, NfcNormalizer.Normalize(text));
    }
}
