using Tracemark.Scanning.Input;

namespace Tracemark.Reports;

/// <summary>
/// One thing that went wrong, the same shape everywhere: in a command's "errors" and "notes" lists and in a server's
/// error answer.
/// </summary>
/// <param name="Source">Where: the input (file, archive member) or, for a server, the request ("POST /v1/oprf/evaluate").</param>
/// <param name="Record">1-based record (line for text) when the problem has one.</param>
/// <param name="Message">What happened and what was done about it, in plain words.</param>
public sealed record ProblemReport(string Source, long? Record, string Message)
{
    /// <summary>A scanner's message as a problem.</summary>
    public static ProblemReport From(ScanError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ProblemReport(error.Source, error.Record, error.Message);
    }

    /// <summary>Every message of a list, in order (none for null).</summary>
    public static IReadOnlyList<ProblemReport> List(IEnumerable<ScanError>? errors) => errors is null ? [] : [.. errors.Select(From)];
}

/// <summary>What a server answers when it refuses a request: {"errors": [{source, record, message}]}.</summary>
/// <param name="Errors">The problems (usually one).</param>
public sealed record ProblemsReport(IReadOnlyList<ProblemReport> Errors)
{
    /// <summary>One problem with a request.</summary>
    public static ProblemsReport Request(string request, string message) => new([new ProblemReport(request, null, message)]);
}
