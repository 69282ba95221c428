using BenchmarkDotNet.Attributes;
using Tracemark.Exposure.Crypto;

namespace Tracemark.Benchmarks;

/// <summary>The costs behind the exposure check: libsodium's ristretto255 scalar multiplications (the bound), one
/// direct evaluation (what publish does per identifier), and one 1-element evaluate request's work (what serve does).</summary>
[MemoryDiagnoser]
public class ExposureBenchmarks
{
    private readonly byte[] _secret = new byte[32];
    private readonly byte[] _public = new byte[32];
    private readonly byte[] _point = new byte[32];
    private readonly byte[] _result = new byte[32];
    private readonly byte[] _blinded = new byte[32];
    private readonly byte[] _evaluated = new byte[32];
    private readonly byte[] _proof = new byte[64];
    private readonly byte[] _output = new byte[64];
    private readonly byte[] _input = "mobile:13800138000"u8.ToArray();

    [GlobalSetup]
    public void Setup()
    {
        OprfSuite.Voprf.DeriveKeyPair(new byte[32], "bench"u8, _secret, _public);
        var blind = new byte[32];
        OprfSuite.Voprf.Blind(_input, blind, _blinded);
        OprfSuite.ScalarMultGen(_secret, _point);
        OprfSuite.Voprf.BlindEvaluate(_secret, _blinded, _evaluated);
        OprfSuite.Voprf.GenerateProof(_secret, OprfSuite.Generator, _public, _blinded, _evaluated, _proof);
    }

    [Benchmark(Baseline = true)]
    public void ScalarMult() => OprfSuite.ScalarMult(_secret, _point, _result);

    [Benchmark]
    public void ScalarMultBase() => OprfSuite.ScalarMultGen(_secret, _result);

    [Benchmark]
    public void HashToGroup() => OprfSuite.Voprf.HashToGroup(_input, _result);

    [Benchmark]
    public void Evaluate() => OprfSuite.Voprf.Evaluate(_secret, _input, [], _output);

    [Benchmark]
    public void EvaluateRequest()
    {
        _ = OprfSuite.IsValidElement(_blinded);
        OprfSuite.Voprf.BlindEvaluate(_secret, _blinded, _evaluated);
        OprfSuite.Voprf.GenerateProof(_secret, OprfSuite.Generator, _public, _blinded, _evaluated, _proof);
    }

    [Benchmark]
    public bool VerifyProof() => OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, _public, _blinded, _evaluated, _proof);
}
