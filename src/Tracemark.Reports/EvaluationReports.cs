using System.Text.Json.Serialization;

namespace Tracemark.Reports;

/// <summary>
/// What `tracemark eval trace --json` prints: the likelihood model against the guilt baseline on simulated leaks
/// (docs/trace.md). Built by the command line from Tracemark.Evaluation's results, which this project may not see
/// (evaluation code stays out of production layers).
/// </summary>
public sealed record EvalTraceReport(int Scenarios, IReadOnlyList<EvalTraceRow> Rows, IReadOnlyList<EvalReliabilityBin> Reliability);

/// <summary>Accuracy of one model on one scenario kind and sample size, over every contamination level.</summary>
public sealed record EvalTraceRow(EvalModel Model, LeakScenarioKind Scenario, int SampleSize, int Runs, double Top1, double Top3, double FalseAccusation, double Brier, double Abstention);

/// <summary>One bin of the reliability table: answers whose probability fell in [From, To).</summary>
public sealed record EvalReliabilityBin(EvalModel Model, EvalAnswer Answer, double From, double To, int Count, double MeanProbability, double Accuracy);

/// <summary>
/// What `tracemark eval guard --json` prints (a list of these, one per simulation): the guard and the naive volume
/// rule on the same simulated access logs (docs/guard.md).
/// </summary>
public sealed record EvalGuardReport(GuardSimulation Simulation, IReadOnlyList<long> Seeds, long Rows, long ChannelDays, EvalGuardScore Guard, EvalGuardScore Naive);

/// <summary>How one detector did: episodes caught, how fast, how many alerts were false; per episode kind and per hard negative.</summary>
public sealed record EvalGuardScore(
    GuardDetector Detector,
    int Episodes,
    int Caught,
    double Recall,
    double? MedianDelayHoursShort,
    double? MedianDelayDaysSlow,
    int Alerts,
    int FalseAlerts,
    double FalsePer1000ChannelDays,
    double Precision,
    IReadOnlyDictionary<string, string> ByKind,
    IReadOnlyDictionary<string, int> FalseByNegative);

/// <summary>The model an evaluation row scores.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvalModel>))]
public enum EvalModel
{
    /// <summary>The attribution model of `tracemark trace`.</summary>
    [JsonStringEnumMemberName("likelihood")]
    Likelihood,

    /// <summary>The guilt-model baseline it is compared with.</summary>
    [JsonStringEnumMemberName("guilt (baseline)")]
    GuiltBaseline,
}

/// <summary>Which top answers a reliability bin holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvalAnswer>))]
public enum EvalAnswer
{
    /// <summary>Every answer.</summary>
    [JsonStringEnumMemberName("all")]
    All,

    /// <summary>Answers naming a channel or a set of channels.</summary>
    [JsonStringEnumMemberName("a channel")]
    Channel,

    /// <summary>Answers naming no channel.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>A simulated leak scenario of `eval trace` (the codes of the synthetic owner's scenario files).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LeakScenarioKind>))]
public enum LeakScenarioKind
{
    /// <summary>One employee copies customers it viewed.</summary>
    [JsonStringEnumMemberName("single-insider")]
    SingleInsider,

    /// <summary>An employee account rented to a broker.</summary>
    [JsonStringEnumMemberName("rented-account")]
    RentedAccount,

    /// <summary>2–5 employees merge what they saw.</summary>
    [JsonStringEnumMemberName("colluding")]
    Colluding,

    /// <summary>A back-office admin copies customers.</summary>
    [JsonStringEnumMemberName("admin-copy")]
    AdminCopy,

    /// <summary>A partner's export leaks.</summary>
    [JsonStringEnumMemberName("partner-export")]
    PartnerExport,

    /// <summary>The leak came through no channel.</summary>
    [JsonStringEnumMemberName("null")]
    Null,
}

/// <summary>Which simulated owner `eval guard` ran on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuardSimulation>))]
public enum GuardSimulation
{
    /// <summary>The owner the guard was tuned on.</summary>
    [JsonStringEnumMemberName("standard")]
    Standard,

    /// <summary>Other sizes, shifts, season and episode strengths.</summary>
    [JsonStringEnumMemberName("alternate")]
    Alternate,
}

/// <summary>The detector a guard score belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuardDetector>))]
public enum GuardDetector
{
    /// <summary>`tracemark guard`.</summary>
    [JsonStringEnumMemberName("guard")]
    Guard,

    /// <summary>The naive volume rule.</summary>
    [JsonStringEnumMemberName("naive")]
    Naive,
}

/// <summary>Reads the evaluations' string values into the contract enums; an unknown value is a bug, not input.</summary>
public static class EvalValues
{
    /// <summary>"likelihood" or "guilt (baseline)".</summary>
    public static EvalModel Model(string model) => model switch
    {
        "likelihood" => EvalModel.Likelihood,
        "guilt (baseline)" => EvalModel.GuiltBaseline,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "not an evaluated model"),
    };

    /// <summary>"all", "a channel" or "none".</summary>
    public static EvalAnswer Answer(string answer) => answer switch
    {
        "all" => EvalAnswer.All,
        "a channel" => EvalAnswer.Channel,
        "none" => EvalAnswer.None,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "not a reliability answer"),
    };

    /// <summary>A scenario code: "single-insider" … "null".</summary>
    public static LeakScenarioKind Scenario(string scenario) => scenario switch
    {
        "single-insider" => LeakScenarioKind.SingleInsider,
        "rented-account" => LeakScenarioKind.RentedAccount,
        "colluding" => LeakScenarioKind.Colluding,
        "admin-copy" => LeakScenarioKind.AdminCopy,
        "partner-export" => LeakScenarioKind.PartnerExport,
        "null" => LeakScenarioKind.Null,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not a leak scenario"),
    };

    /// <summary>"standard" or "alternate".</summary>
    public static GuardSimulation Simulation(string simulation) => simulation switch
    {
        "standard" => GuardSimulation.Standard,
        "alternate" => GuardSimulation.Alternate,
        _ => throw new ArgumentOutOfRangeException(nameof(simulation), simulation, "not a guard simulation"),
    };

    /// <summary>"guard" or "naive".</summary>
    public static GuardDetector Detector(string detector) => detector switch
    {
        "guard" => GuardDetector.Guard,
        "naive" => GuardDetector.Naive,
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "not a guard detector"),
    };
}
