using System.Globalization;
using Tracemark.Guard;
using Tracemark.Reports;

namespace Tracemark.Cli.Commands;

/// <summary>The guard's alert record (<see cref="GuardAlertReport"/>) on one line, for --json, the webhook and the store's ledger.</summary>
internal sealed class GuardAlertJson : IGuardAlertCodec
{
    private const string Format = "yyyy-MM-ddTHH:mm:sszzz";

    public static GuardAlertJson Instance { get; } = new();

    public static GuardAlertReport Report(GuardAlert alert) =>
        new(alert.Channel, Text(alert.From), Text(alert.To), Text(alert.FirstAlert), alert.Score, alert.Kind, alert.Evidence);

    public string Write(GuardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return ReportJson.SerializeLine(Report(alert));
    }

    public GuardAlert Read(string json)
    {
        var r = ReportJson.ReadLine<GuardAlertReport>(json);
        return new(r.Channel, Parse(r.From), Parse(r.To), Parse(r.FirstAlert), r.Score, r.Kind, r.Evidence);
    }

    public static string Text(DateTimeOffset t) => t.ToString(Format, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string t) => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture);
}
