using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vrs.Grounding.Tokenization;

// Encodes ~4 MB of generated mixed text (English words, punctuation, digits, random CJK runs, some emoji) on one
// thread and prints MB/s of UTF-8 input. Random CJK runs are mostly unique pre-tokens, so the word cache helps
// little there: a pessimistic mix.
string path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: bench-tokenizer TOKENIZER_JSON");
var tokenizer = BpeTokenizer.Load(path);
string[] words = ["the", "dog", "that", "jumps", "over", "fence", "segment", "object", "video", "frame", "would", "you",
    "use", "to", "cut", "bread", "left", "right", "person", "wearing", "red", "shirt", "car", "moving", "towards", "camera",
    "It's", "DON'T", "reasoning", "attention", "maps", "keyframes", "tracklets", "Qwen2-VL", "SAM"];

Measure("warm-up (JIT)", BpeTokenizer.Load(path), Corpus(0, 1_000_000));
for (int round = 1; round <= 3; round++)
{
    // A fresh tokenizer (empty word cache) on text it has never seen.
    var cold = BpeTokenizer.Load(path);
    string[] corpus = Corpus(round, 4_000_000);
    Measure($"cold cache, corpus {round}", cold, corpus);
    if (round == 3)
    {
        Measure("warm cache, same corpus", cold, corpus);
    }
}

string[] Corpus(int seed, int targetBytes)
{
    var rng = new Random(seed);
    var lines = new List<string>();
    long total = 0;
    var line = new StringBuilder();
    while (total < targetBytes)
    {
        line.Clear();
        // Half English words (with numbers and punctuation), half random CJK runs with a few emoji, by bytes.
        while (Encoding.UTF8.GetByteCount(line.ToString()) < 200)
        {
            line.Append(words[rng.Next(words.Length)]).Append(rng.Next(10) switch { 0 => ", ", 1 => ". ", 2 => $" {rng.Next(10000)} ", _ => " " });
        }

        int cjkBytes = 0;
        while (cjkBytes < 200)
        {
            int run = rng.Next(2, 16);
            for (int i = 0; i < run; i++)
            {
                line.Append((char)rng.Next(0x4E00, 0x9FA0));
            }

            cjkBytes += run * 3;
            line.Append(rng.Next(5) switch { 0 => "，", 1 => "。", 2 => " 🐶 ", _ => "的" });
        }

        string text = line.ToString();
        lines.Add(text);
        total += Encoding.UTF8.GetByteCount(text);
    }

    return [.. lines];
}

static void Measure(string label, BpeTokenizer tokenizer, string[] lines)
{
    long bytes = lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l));
    long tokens = 0;
    var clock = Stopwatch.StartNew();
    foreach (string line in lines)
    {
        tokens += tokenizer.Encode(line).Length;
    }

    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-26} {bytes / 1e6,6:0.00} MB, {tokens,8} tokens in {clock.Elapsed.TotalSeconds:0.000} s = {bytes / 1e6 / clock.Elapsed.TotalSeconds,7:0.00} MB/s"));
}

