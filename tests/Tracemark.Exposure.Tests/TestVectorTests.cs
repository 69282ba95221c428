using System.Text.Json;
using Tracemark.Exposure.Crypto;

namespace Tracemark.Exposure.Tests;

/// <summary>Every ristretto255-SHA512 vector of RFC 9497 Appendix A (OPRF, VOPRF and POPRF; single and batched):
/// key derivation, blinding with the given blind, server evaluation, proof with the given r, proof verification,
/// finalization and direct evaluation must all reproduce the published bytes.</summary>
public sealed class TestVectorTests
{
    public static TheoryData<int, int> Vectors()
    {
        var data = new TheoryData<int, int>();
        var suites = Load();
        for (var s = 0; s < suites.GetArrayLength(); s++)
        {
            for (var v = 0; v < suites[s].GetProperty("vectors").GetArrayLength(); v++)
            {
                data.Add(s, v);
            }
        }

        return data;
    }

    [Fact]
    public void The_file_has_all_three_modes_and_batched_proofs()
    {
        var suites = Load();
        Assert.Equal([0, 1, 2], suites.EnumerateArray().Select(s => s.GetProperty("mode").GetInt32()).Order());
        Assert.Equal(8, Vectors().Count);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_reproduces(int suiteIndex, int vectorIndex)
    {
        var suiteJson = Load()[suiteIndex];
        var vector = suiteJson.GetProperty("vectors")[vectorIndex];
        var suite = OprfSuite.For((OprfMode)suiteJson.GetProperty("mode").GetInt32());

        var sk = new byte[32];
        var pk = new byte[32];
        suite.DeriveKeyPair(Hex(suiteJson, "seed"), Hex(suiteJson, "keyInfo"), sk, pk);
        Assert.Equal(Hex(suiteJson, "skSm"), sk);
        if (suiteJson.TryGetProperty("pkSm", out _))
        {
            Assert.Equal(Hex(suiteJson, "pkSm"), pk);
        }

        var batch = vector.GetProperty("Batch").GetInt32();
        var inputs = List(vector, "Input");
        var blinds = List(vector, "Blind");
        var info = vector.TryGetProperty("Info", out _) ? Hex(vector, "Info") : [];
        Assert.Equal(batch, inputs.Length);

        var blinded = new byte[32 * batch];
        for (var i = 0; i < batch; i++)
        {
            suite.Blind(inputs[i], blinds[i], blinded.AsSpan(32 * i, 32), randomBlind: false);
        }

        Assert.Equal(Concat(List(vector, "BlindedElement")), blinded);

        var evaluated = new byte[32 * batch];
        var proofKey = sk;
        var proofPublic = pk;
        if (suite.Mode == OprfMode.Poprf)
        {
            var tweak = new byte[32];
            suite.PoprfBlindEvaluate(sk, blinded, info, evaluated, tweak);
            proofKey = tweak;
            proofPublic = new byte[32];
            suite.TweakedKey(pk, info, proofPublic);
        }
        else
        {
            suite.BlindEvaluate(sk, blinded, evaluated);
        }

        Assert.Equal(Concat(List(vector, "EvaluationElement")), evaluated);

        if (vector.TryGetProperty("Proof", out var proofJson))
        {
            var proof = new byte[64];
            // POPRF proves log_G(T) = log_evaluated(blinded): C and D swap places.
            var (c, d) = suite.Mode == OprfMode.Poprf ? (evaluated, blinded) : (blinded, evaluated);
            suite.GenerateProof(proofKey, OprfSuite.Generator, proofPublic, c, d, proof, Convert.FromHexString(proofJson.GetProperty("r").GetString()!));
            Assert.Equal(Convert.FromHexString(proofJson.GetProperty("proof").GetString()!), proof);
            Assert.True(suite.VerifyProof(OprfSuite.Generator, proofPublic, c, d, proof));

            proof[5] ^= 1;
            Assert.False(suite.VerifyProof(OprfSuite.Generator, proofPublic, c, d, proof));
        }

        var outputs = List(vector, "Output");
        for (var i = 0; i < batch; i++)
        {
            var output = new byte[64];
            suite.Finalize(inputs[i], blinds[i], evaluated.AsSpan(32 * i, 32), info, output);
            Assert.Equal(outputs[i], output);

            var direct = new byte[64];
            suite.Evaluate(sk, inputs[i], info, direct);
            Assert.Equal(outputs[i], direct);
        }
    }

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc9497-ristretto255-SHA512.json")));
        return document.RootElement.Clone();
    }

    private static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    private static byte[][] List(JsonElement element, string name) =>
        [.. element.GetProperty(name).GetString()!.Split(',').Select(Convert.FromHexString)];

    private static byte[] Concat(byte[][] parts) => [.. parts.SelectMany(p => p)];
}
