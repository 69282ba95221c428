namespace Tracemark.Identifiers;

/// <summary>
/// Today's local date for "birth date in the future" checks, recomputed at most once a minute:
/// DateTime.Today converts time zones on every call, which is too slow for a per-identifier hot path.
/// </summary>
internal static class Clock
{
    private static long _validUntil;
    private static DateOnly _date;
    private static int _knownYear;

    /// <summary>
    /// The year of the last date read (0 before the first). Years only grow, so a birth year below it cannot be in
    /// the future, and the clock need not be read at all.
    /// </summary>
    public static int KnownYear => Volatile.Read(ref _knownYear);

    public static DateOnly Today
    {
        get
        {
            var now = Environment.TickCount64;
            if (now >= Volatile.Read(ref _validUntil))
            {
                _date = DateOnly.FromDateTime(DateTime.Now);
                Volatile.Write(ref _knownYear, _date.Year);
                Volatile.Write(ref _validUntil, now + 60_000);
            }

            return _date;
        }
    }
}
