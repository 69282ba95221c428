using Tracemark.Tracing.Owner;

namespace Tracemark.Reports;

/// <summary>What `tracemark trace --json` prints: who most likely leaked the sample, and the access log behind it.</summary>
public sealed record AttributionReport(
    string Sample,
    DateOnly Seen,
    int Records,
    int Matched,
    int Known,
    TraceVerdict Verdict,
    double BackgroundShare,
    IReadOnlyList<HypothesisReport> Ranked,
    IReadOnlyList<ChannelEvidenceReport> Evidence,
    IReadOnlyList<string> Caveats,
    IReadOnlyList<ProblemReport> Errors)
{
    /// <summary>The contract of a trace.</summary>
    public static AttributionReport From(TraceReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Sample,
            r.Seen,
            r.Records,
            r.Matched,
            r.Known,
            ReportValues.Trace(r.Verdict),
            r.BackgroundShare,
            [.. r.Ranked.Select(h => new HypothesisReport(h.Channels, h.Posterior, h.Explained, h.Canaries))],
            [.. r.Evidence.Select(ChannelEvidenceReport.From)],
            r.Caveats,
            ProblemReport.List(r.Scan.Errors));
    }
}

/// <summary>One explanation of the sample: the channels (none: "another source"), its posterior, what it explains.</summary>
public sealed record HypothesisReport(IReadOnlyList<string> Channels, double Posterior, int Explained, int Canaries);

/// <summary>What the access log says about one leading candidate channel (docs/trace.md).</summary>
public sealed record ChannelEvidenceReport(
    string Channel,
    ChannelKind Kind,
    string? Unit,
    int Explained,
    int NeverAccessed,
    long AccessedCustomers,
    DateTime? FirstAccess,
    DateTime? LastAccess,
    double OffHoursShare,
    int Devices,
    int NewDevices,
    IReadOnlyDictionary<DateOnly, int> Timeline,
    DateOnly? PeakDay,
    long PeakAccesses,
    double MedianAccesses)
{
    internal static ChannelEvidenceReport From(ChannelEvidence e) =>
        new(e.Channel, ReportValues.Channel(e.Kind), e.Unit, e.Explained, e.NeverAccessed, e.AccessedCustomers, e.FirstAccess, e.LastAccess, e.OffHoursShare, e.Devices, e.NewDevices, e.Timeline, e.PeakDay, e.PeakAccesses, e.MedianAccesses);
}
