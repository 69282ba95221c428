using System.Runtime.InteropServices;

namespace Tracemark.Intel.Analysis;

/// <summary>
/// The features of the trained goods model: hashed character 1-, 2- and 3-grams of the post's text after a light fold
/// (full-width to ASCII, ASCII lower case, every digit 0, runs of white space one space), each occurrence counted,
/// the whole vector scaled by 1 / √(number of grams). The trainer (bench/Tracemark.IntelTrainer) and the scorer use
/// this one definition, so the shipped weights mean at run time what they meant in training.
/// </summary>
internal static class GoodsFeatures
{
    /// <summary>2^16 buckets: the dev and held-out sets and the synthetic corpus use about 60,000 distinct grams, so
    /// a larger table buys few fewer collisions and costs cache misses on every post.</summary>
    public const int Bits = 16;

    public const int Buckets = 1 << Bits;

    /// <summary>The grams of a post past this many characters are not read: an ad says what it sells early, and
    /// a pasted chat log must not cost more than a post.</summary>
    public const int MaxChars = 600;

    public static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c >= '\u4E00')
        {
            return Lexicon.Fold[c];
        }

        return c switch
        {
            >= '0' and <= '9' => '0',
            >= 'A' and <= 'Z' => (char)(c | 0x20),
            '\u3000' or '\t' or '\r' or '\n' => ' ',
            _ => c,
        };
    }

    /// <summary>Calls <paramref name="gram"/> with the bucket of every gram of <paramref name="text"/>, in order; returns how many.</summary>
    public static int Grams<TSink>(ReadOnlySpan<char> text, ref TSink gram)
        where TSink : struct, IGramSink
    {
        // A hand-written loop rather than ML.NET's text featurizer: the run-time scorer must add no allocation per
        // post and keep intel at 30,000 posts per CPU-second, and ML.NET's own hashing of n-grams cannot be reproduced
        // outside ML.NET. The trainer feeds ML.NET the vectors this loop makes.
        char p2 = '\u0002', p1 = '\u0002';
        var n = 0;
        var end = Math.Min(text.Length, MaxChars);
        for (var i = 0; i < end; i++)
        {
            var c = Fold(text[i]);
            if (c == ' ' && p1 == ' ')
            {
                continue;
            }

            gram.Add(Bucket(1, c));
            gram.Add(Bucket(2, ((ulong)p1 << 16) | c));
            gram.Add(Bucket(3, ((ulong)p2 << 32) | ((ulong)p1 << 16) | c));
            n += 3;
            p2 = p1;
            p1 = c;
        }

        return n;
    }

    private static int Bucket(ulong order, ulong key)
    {
        // splitmix64's finaliser: every input bit moves the top bits used as the bucket.
        var z = (key * 4) + order + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z >> (64 - Bits));
    }
}

/// <summary>Receives the bucket of each gram (a struct, so the scorer's loop is inlined and allocates nothing).</summary>
internal interface IGramSink
{
    void Add(int bucket);
}

/// <summary>
/// A linear model over hashed character n-grams (<see cref="GoodsFeatures"/>) that gives each post a probability per
/// goods class, "other" (not trade) among them. Trained with ML.NET (multinomial logistic regression, L-BFGS) by
/// bench/Tracemark.IntelTrainer on the synthetic corpus and the labelled real-phrasing sets; only its weights ship
/// (<c>goods.model</c>, embedded), and it is scored here by a dot product: ML.NET's PredictionEngine allocates per
/// call and costs tens of microseconds a post, more than all of intel's rules together.
/// </summary>
internal sealed class GoodsModel
{
    /// <summary>The classes, in the trainer's key order (key = index + 1).</summary>
    public static readonly string[] Classes = ["other", "personal_data", "lookup", "accounts", "sim", "bank_kit"];

    private const uint Magic = 0x4D475254; // "TRGM"

    private readonly float[] _weights; // bucket-major: the classes of one bucket share a cache line
    private readonly float[] _bias;

    private GoodsModel(float[] weights, float[] bias)
    {
        _weights = weights;
        _bias = bias;
    }

    /// <summary>The model shipped in the assembly (null if it is missing: then the rules decide alone).</summary>
    public static GoodsModel? Shipped { get; } = LoadShipped();

    public static int ClassCount => Classes.Length;

    /// <summary>The model's file: magic, bits, classes, biases, then (bucket, weight per class) for every bucket with a weight.</summary>
    public static GoodsModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != GoodsFeatures.Bits || reader.ReadInt32() != ClassCount)
        {
            throw new InvalidDataException("not a goods model of this version (magic, hash bits or classes differ)");
        }

        var bias = new float[ClassCount];
        for (var k = 0; k < ClassCount; k++)
        {
            bias[k] = reader.ReadSingle();
        }

        var weights = new float[GoodsFeatures.Buckets * ClassCount];
        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            var bucket = reader.ReadInt32();
            if ((uint)bucket >= GoodsFeatures.Buckets)
            {
                throw new InvalidDataException($"goods model: bucket {bucket} out of range in row {r + 1}");
            }

            for (var k = 0; k < ClassCount; k++)
            {
                weights[(bucket * ClassCount) + k] = reader.ReadSingle();
            }
        }

        return new GoodsModel(weights, bias);
    }

    /// <summary>Writes <paramref name="weights"/> (bucket-major) and <paramref name="bias"/> in the layout <see cref="Read"/> reads.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(GoodsFeatures.Bits);
        writer.Write(ClassCount);
        foreach (var b in bias)
        {
            writer.Write(b);
        }

        var rows = 0;
        for (var bucket = 0; bucket < GoodsFeatures.Buckets; bucket++)
        {
            rows += weights.Slice(bucket * ClassCount, ClassCount).ContainsAnyExcept(0f) ? 1 : 0;
        }

        writer.Write(rows);
        for (var bucket = 0; bucket < GoodsFeatures.Buckets; bucket++)
        {
            var row = weights.Slice(bucket * ClassCount, ClassCount);
            if (row.ContainsAnyExcept(0f))
            {
                writer.Write(bucket);
                foreach (var w in row)
                {
                    writer.Write(w);
                }
            }
        }
    }

    /// <summary>Writes the probability of each class (in <see cref="Classes"/> order) for <paramref name="text"/> into <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var sink = new Sum(_weights);
        var n = GoodsFeatures.Grams(text, ref sink);
        var scale = n == 0 ? 0f : 1f / MathF.Sqrt(n);
        var max = float.NegativeInfinity;
        for (var k = 0; k < ClassCount; k++)
        {
            probabilities[k] = _bias[k] + (scale * sink.Totals[k]);
            max = Math.Max(max, probabilities[k]);
        }

        var total = 0f;
        for (var k = 0; k < ClassCount; k++)
        {
            probabilities[k] = MathF.Exp(probabilities[k] - max);
            total += probabilities[k];
        }

        for (var k = 0; k < ClassCount; k++)
        {
            probabilities[k] /= total;
        }
    }

    private static GoodsModel? LoadShipped()
    {
        using var stream = typeof(GoodsModel).Assembly.GetManifestResourceStream("Tracemark.Intel.goods.model");
        return stream is null ? null : Read(stream);
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Sum(float[] weights) : IGramSink
    {
        public Totals Totals;

        public void Add(int bucket)
        {
            var row = weights.AsSpan(bucket * ClassCount, ClassCount);
            for (var k = 0; k < ClassCount; k++)
            {
                Totals[k] += row[k];
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(6)]
    private struct Totals
    {
        private float _first;
    }
}
