namespace Tracemark.Guard;

/// <summary>
/// Each channel's activity day by day — accesses, those outside its declared outlet, devices first seen — kept while
/// replaying for the alert report. Memory grows with channels × days and their devices, not with rows.
/// </summary>
internal sealed class GuardActivity(int channels)
{
    private const long Day = 86_400;
    private readonly Dictionary<long, DayCount>[] _days = [.. Enumerable.Range(0, channels).Select(_ => new Dictionary<long, DayCount>())];
    private readonly HashSet<int>[] _devices = [.. Enumerable.Range(0, channels).Select(_ => new HashSet<int>())];
    private readonly long[] _firstDay = [.. Enumerable.Repeat(long.MaxValue, channels)];

    /// <summary>One channel's day: accesses, accesses to customers of a known unit, those outside its outlet, devices first used (after its first day).</summary>
    public sealed class DayCount
    {
        public long Accesses { get; set; }

        public long Scoped { get; set; }

        public long Outside { get; set; }

        public int NewDevices { get; set; }
    }

    /// <summary>First and last day seen (day numbers since 1970).</summary>
    public (long First, long Last) Span { get; private set; } = (long.MaxValue, long.MinValue);

    public void Add(in GuardAccess access, bool outside, bool scoped)
    {
        var day = (access.Time - (((access.Time % Day) + Day) % Day)) / Day;
        var days = _days[access.Channel];
        if (!days.TryGetValue(day, out var count))
        {
            count = new DayCount();
            days[day] = count;
        }

        count.Accesses++;
        count.Scoped += scoped ? 1 : 0;
        count.Outside += outside ? 1 : 0;
        _firstDay[access.Channel] = Math.Min(_firstDay[access.Channel], day);
        if (access.Device != 0 && _devices[access.Channel].Add(access.Device) && day > _firstDay[access.Channel])
        {
            count.NewDevices++;
        }

        Span = (Math.Min(Span.First, day), Math.Max(Span.Last, day));
    }

    /// <summary>The channel's count on a day (an empty day when it did nothing).</summary>
    public DayCount On(int channel, long day) => _days[channel].TryGetValue(day, out var c) ? c : Empty;

    private static readonly DayCount Empty = new();
}
