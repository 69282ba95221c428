using Tracemark.Guard;
using Tracemark.Reports;

namespace Tracemark.Cli.Commands;

/// <summary>The guard's alert record (<see cref="GuardAlertReport"/>) on one line, for --json, the webhook and the store's ledger.</summary>
internal sealed class GuardAlertJson : IGuardAlertCodec
{
    public static GuardAlertJson Instance { get; } = new();

    public static GuardAlertReport Report(GuardAlert alert) =>
        new(alert.Channel, GuardAlertTime.Text(alert.From), GuardAlertTime.Text(alert.To), GuardAlertTime.Text(alert.FirstAlert), alert.Score, alert.Kind, alert.Evidence);

    public string Write(GuardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return ReportJson.SerializeLine(Report(alert));
    }

    public GuardAlert Read(string json)
    {
        var r = ReportJson.ReadLine<GuardAlertReport>(json);
        return new(r.Channel, GuardAlertTime.Parse(r.From), GuardAlertTime.Parse(r.To), GuardAlertTime.Parse(r.FirstAlert), r.Score, r.Kind, r.Evidence);
    }
}
