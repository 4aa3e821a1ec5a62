namespace Vrs.Grounding.Tokenization;

/// <summary>
/// An entry of <c>added_tokens</c> in <c>tokenizer.json</c>: text that maps straight to one id and is found in the
/// input before pre-tokenization. <paramref name="Special"/> tokens are dropped by
/// <see cref="BpeTokenizer.Decode(ReadOnlySpan{int}, bool)"/> when asked to skip special tokens.
/// </summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The exact text of the token, e.g. <c>&lt;|im_start|&gt;</c>.</param>
/// <param name="Special">Whether it is a control token rather than text.</param>
/// <param name="SingleWord">Only matched when not inside a word.</param>
/// <param name="LeftStrip">A match also swallows the whitespace on its left.</param>
/// <param name="RightStrip">A match also swallows the whitespace on its right.</param>
/// <param name="Normalized">Matched in the normalized text rather than the raw input.</param>
public sealed record AddedToken(int Id, string Content, bool Special, bool SingleWord, bool LeftStrip, bool RightStrip, bool Normalized);
