namespace Tracemark.Guard;

/// <summary>How a channel used a customer record in one access row (docs/owner-data.md).</summary>
public enum GuardAction : byte
{
    /// <summary>A record opened.</summary>
    View,
    /// <summary>A search hit opened.</summary>
    Search,
    /// <summary>A row of a batch export.</summary>
    Export,
    /// <summary>A printed record.</summary>
    Print,
    /// <summary>An API look-up.</summary>
    Api,
}

/// <summary>A channel as the guard knows it: its name, kind (employee, admin, partner, api, export) and unit in force now.</summary>
public sealed record GuardChannel(string Name, string Kind, string? Unit);

/// <summary>
/// One access row for the guard: Unix seconds, channel and customer as dense indices (into the lists the
/// <see cref="GuardEngine"/> was given), the action, and the device and IP as numbers (0 = not given). Customer
/// indices follow the owner's customer numbering, so consecutive numbers are neighbours in the owner's table.
/// </summary>
public readonly record struct GuardAccess(long Time, int Channel, int Customer, GuardAction Action, int Device, int Ip);

/// <summary>An alert: which channel, the span of the suspicious activity, when a running guard raised it, how sure, what kind, and why.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="From">First suspicious event.</param>
/// <param name="To">Last suspicious event seen.</param>
/// <param name="FirstAlert">The time of the last row the guard had read when it raised the alert (any channel's: peers count).</param>
/// <param name="Score">0–1; a canary is 1.</param>
/// <param name="Kind">rented_account, bulk_copy, out_of_scope, slow_exfiltration, scraping, collusion, canary or unusual_volume.</param>
/// <param name="Evidence">Short readable reasons.</param>
public sealed record GuardAlert(string Channel, DateTimeOffset From, DateTimeOffset To, DateTimeOffset FirstAlert, double Score, string Kind, IReadOnlyList<string> Evidence);

/// <summary>Thresholds of the guard (the defaults are the tuned ones, docs/guard.md).</summary>
public sealed record GuardOptions
{
    /// <summary>Days of a channel's own history before its own baseline outweighs its peers'.</summary>
    public int WarmupDays { get; init; } = 5;

    /// <summary>CUSUM allowance per day (log of the tolerated ratio to the expected volume).</summary>
    public double DriftAllowance { get; init; } = 0.18;

    /// <summary>CUSUM decision level (sum of daily log excesses).</summary>
    public double DriftLevel { get; init; } = 1.6;

    /// <summary>Quiet days after an alert before the same channel alerts again (an incident is reported once).</summary>
    public int CooldownDays { get; init; } = 3;
}
