namespace Tracemark.Intel.Evaluation;

/// <summary>A score against its target.</summary>
public sealed record Score(string Name, double Value, double Target, bool AtLeast = true)
{
    public bool Met => AtLeast ? Value >= Target : Value <= Target;
}
