using BenchmarkDotNet.Attributes;
using Tracemark.Identifiers;
using Tracemark.People;

namespace Tracemark.Benchmarks;

/// <summary>
/// Validations per second per kind: each operation checks 1,024 realistic written values (synthetic people, some
/// reformatted with +86, spaces or full-width digits) through the public hot-path API. Ops/s × 1,024 = values/s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ValidationBenchmarks
{
    private const int Batch = 1024;
    private readonly char[] _canonical = new char[Identifier.MaxCanonicalLength];
    private string[] _values = [];

    [Params(IdentifierKind.ResidentId, IdentifierKind.Mobile, IdentifierKind.BankCard, IdentifierKind.Email,
        IdentifierKind.SocialCreditCode, IdentifierKind.Landline, IdentifierKind.Name, IdentifierKind.Address, IdentifierKind.MobileMasked)]
    public IdentifierKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var people = new Population(seed: 42, size: 100_000);
        _values = new string[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var p = people.Get(i * 97);
            _values[i] = Kind switch
            {
                IdentifierKind.ResidentId => i % 4 == 0 ? $"{p.ResidentId[..6]} {p.ResidentId[6..14]} {p.ResidentId[14..]}" : p.ResidentId,
                IdentifierKind.Mobile => i % 4 == 0 ? "+86 " + p.Mobile : i % 4 == 1 ? FullWidth(p.Mobile) : p.Mobile,
                IdentifierKind.BankCard => p.BankCard,
                IdentifierKind.Email => p.Email,
                IdentifierKind.SocialCreditCode => "91110000600037341L",
                IdentifierKind.Landline => p.Landline ?? "0755-88888888",
                IdentifierKind.Name => p.Name,
                IdentifierKind.Address => p.Address,
                _ => p.Mobile[..3] + "****" + p.Mobile[7..],
            };
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Check()
    {
        var valid = 0;
        var kind = Kind;
        foreach (var v in _values)
        {
            if (Identifier.Check(kind, v, _canonical).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }

    private static string FullWidth(string s) => string.Concat(s.Select(c => (char)(c + 0xFEE0)));
}
