using System.Globalization;
using Tracemark.Reports;

namespace Tracemark.Guard.Tests;

// The CLI's codec is internal to the CLI; this one writes the same Reports record, so the ledger and webhook tests
// read back what production writes.
internal sealed class AlertCodec : IGuardAlertCodec
{
    public static AlertCodec Instance { get; } = new();

    public string Write(GuardAlert alert) => ReportJson.SerializeLine(new GuardAlertReport(
        alert.Channel, Text(alert.From), Text(alert.To), Text(alert.FirstAlert), alert.Score, alert.Kind, alert.Evidence));

    public GuardAlert Read(string json)
    {
        var r = ReportJson.ReadLine<GuardAlertReport>(json);
        return new(r.Channel, Parse(r.From), Parse(r.To), Parse(r.FirstAlert), r.Score, r.Kind, r.Evidence);
    }

    private static string Text(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string t) => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture);
}
