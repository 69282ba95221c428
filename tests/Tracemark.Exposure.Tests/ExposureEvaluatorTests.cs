using Tracemark.Exposure.Crypto;
using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

/// <summary>The evaluator a server uses: the epoch's key, the RFC 9497 evaluation and proof, a bad element named.</summary>
public sealed class ExposureEvaluatorTests
{
    [Fact]
    public void Evaluates_with_the_epochs_key_and_a_proof_the_client_accepts()
    {
        using var dir = new TempDir("evaluator");
        var keys = ExposureKey.Open(dir.File("k"), create: true);
        var evaluator = ExposureEvaluator.Open(dir.File("k"), 3);
        var pair = keys.ForEpoch(3);
        Assert.Equal(Convert.ToBase64String(pair.Public), evaluator.PublicKey);

        var blinded = new byte[2 * OprfSuite.ElementBytes];
        var blinds = new byte[2 * OprfSuite.ScalarBytes];
        for (var i = 0; i < 2; i++)
        {
            OprfSuite.Voprf.Blind("tracemark"u8.ToArray().Append((byte)i).ToArray(), blinds.AsSpan(i * 32, 32), blinded.AsSpan(i * 32, 32));
        }

        var evaluated = new byte[blinded.Length];
        var proof = new byte[ExposureEvaluator.ProofBytes];
        Assert.True(evaluator.TryEvaluate(blinded, evaluated, proof, out var bad));
        Assert.Equal(-1, bad);

        var expected = new byte[OprfSuite.ElementBytes];
        OprfSuite.Voprf.BlindEvaluate(pair.Secret, blinded.AsSpan(32, 32), expected);
        Assert.Equal(expected, evaluated[32..]);
        Assert.True(OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, pair.Public, blinded, evaluated, proof));
    }

    [Fact]
    public void Names_the_first_element_that_is_not_a_point()
    {
        using var dir = new TempDir("evaluator-bad");
        ExposureKey.Open(dir.File("k"), create: true);
        var evaluator = ExposureEvaluator.Open(dir.File("k"), 1);
        var blinded = new byte[2 * ExposureEvaluator.ElementBytes];
        OprfSuite.Voprf.Blind("a"u8, new byte[32], blinded.AsSpan(0, 32));
        blinded.AsSpan(32).Fill(0xFF); // not a canonical encoding
        Assert.False(evaluator.TryEvaluate(blinded, new byte[blinded.Length], new byte[ExposureEvaluator.ProofBytes], out var bad));
        Assert.Equal(1, bad);
    }

    [Fact]
    public void Without_a_key_file_it_says_so()
    {
        using var dir = new TempDir("evaluator-none");
        var e = Assert.Throws<ExposureException>(() => ExposureEvaluator.Open(dir.File("missing"), 1));
        Assert.Contains(dir.File("missing"), e.Message, StringComparison.Ordinal);
    }
}
