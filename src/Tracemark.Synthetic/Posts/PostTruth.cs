namespace Tracemark.Synthetic.Posts;

/// <summary>What <c>tracemark synth posts</c> writes: how many posts, from which seed, drawing test samples from
/// which population (the same defaults as <c>tracemark synth</c>, so samples can be found in its leaks).</summary>
public sealed record PostOptions
{
    /// <summary>Posts in all (split over the four files).</summary>
    public int Posts { get; init; } = 4_000;

    /// <summary>Same seed, same posts.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Size of the population samples are drawn from (as <c>tracemark synth --people</c>).</summary>
    public long People { get; init; } = 5_000;
}

/// <summary>A contact or payment handle as it should be extracted: kind and canonical value.</summary>
public sealed record TruthHandle(string Kind, string Value);

/// <summary>The labels of one synthetic post, keyed by (source file relative to the output folder, post number).</summary>
public sealed record PostTruth
{
    public required string Source { get; init; }

    public required long Post { get; init; }

    /// <summary>The actor who wrote it (trade actors "actor-N"; every other author is an actor of their own).</summary>
    public required string Actor { get; init; }

    public required string Type { get; init; }

    public required string Goods { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Freshness { get; init; }

    public bool? FirstHand { get; init; }

    public IReadOnlyList<string> Fields { get; init; } = [];

    public long? Quantity { get; init; }

    public double? UnitPriceYuan { get; init; }

    public string? TestPolicy { get; init; }

    public IReadOnlyList<TruthHandle> Handles { get; init; } = [];

    /// <summary>Personal identifiers (mobile, ID, bank card) in the post's test sample.</summary>
    public int SampleIdentifiers { get; init; }

    /// <summary>For hard negatives: drug, gambling, traffic, chat or loan_ad.</summary>
    public string? Negative { get; init; }
}
