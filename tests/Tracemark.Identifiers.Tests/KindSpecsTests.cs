namespace Tracemark.Identifiers.Tests;

/// <summary>The registry: a new kind is an enum value and one spec file; these fail when the two disagree.</summary>
public sealed class KindSpecsTests
{
    [Fact]
    public void Every_kind_has_exactly_one_spec_and_every_spec_a_kind()
    {
        var kinds = Enum.GetValues<IdentifierKind>();
        Assert.Equal(kinds.Order(), KindSpecs.All.Select(s => s.Kind).Order());
        Assert.Equal(kinds.Length, KindSpecs.All.Select(s => s.Kind).Distinct().Count());
        foreach (var kind in kinds)
        {
            Assert.Equal(kind, KindSpecs.For(kind).Kind);
        }
    }

    [Fact]
    public void A_value_no_kind_has_is_refused_by_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KindSpecs.For((IdentifierKind)250));

    [Fact]
    public void Codes_are_unique_and_round_trip()
    {
        Assert.Equal(KindSpecs.All.Count, KindSpecs.All.Select(s => s.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var spec in KindSpecs.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(spec.Label));
            Assert.False(string.IsNullOrWhiteSpace(spec.Validation));
            Assert.Equal(spec.Kind, IdentifierKinds.Parse(spec.Code));
        }
    }

    [Fact]
    public void Masked_forms_and_their_full_kinds_name_each_other()
    {
        foreach (var spec in KindSpecs.All.Where(s => s.MaskedForm is not null))
        {
            var masked = KindSpecs.For(spec.MaskedForm!.Value);
            Assert.True(masked.IsMasked);
            Assert.Equal(spec.Kind, masked.MaskedFormOf);
        }

        foreach (var masked in KindSpecs.All.Where(s => s.IsMasked))
        {
            Assert.Equal(masked.Kind, KindSpecs.For(masked.Unmasked).MaskedForm);
        }
    }

    [Fact]
    public void Full_kinds_are_published_fields_and_masked_forms_never()
    {
        foreach (var spec in KindSpecs.All)
        {
            Assert.Equal(spec.IsMasked ? null : spec.Code, spec.PublishField);
        }
    }

    [Fact]
    public void Priorities_are_unique()
    {
        var priorities = KindSpecs.All.Where(s => s.Priority is not null).Select(s => s.Priority!.Value).ToList();
        Assert.Equal(priorities.Count, priorities.Distinct().Count());
    }

    [Fact]
    public void Header_and_context_words_are_lower_case_so_that_folded_text_matches_them()
    {
        foreach (var spec in KindSpecs.All)
        {
            foreach (var word in spec.Headers.SelectMany(h => h.Words).Concat(spec.Context))
            {
                Assert.Equal(word.ToLowerInvariant(), word);
            }
        }
    }

    [Fact]
    public void The_check_hook_is_what_Identifier_Check_runs()
    {
        Span<char> a = stackalloc char[Identifier.MaxCanonicalLength];
        Span<char> b = stackalloc char[Identifier.MaxCanonicalLength];
        var today = new DateOnly(2026, 12, 1);
        foreach (var spec in KindSpecs.All)
        {
            foreach (var value in (string[])["11010519491231002X", "13800138000", "0755-88888888", "zhangwei@163.com", "138****8000", "张三"])
            {
                var viaSpec = spec.Check(value, a, today);
                var viaIdentifier = Identifier.Check(spec.Kind, value, b, today);
                Assert.Equal(viaIdentifier.IsValid, viaSpec.IsValid);
            }
        }
    }
}
