using Tracemark.Identifiers;

namespace Tracemark.Synthetic.Truth;

/// <summary>How a scanner must treat a generated item.</summary>
public enum ItemStatus
{
    /// <summary>A valid identifier: must be found, with <see cref="TruthItem.Value"/> as its canonical value.</summary>
    Valid,
    /// <summary>A masked value: must be reported as the masked kind, never counted as a full identifier.</summary>
    Masked,
    /// <summary>A mistyped identifier that fails validation: must not be counted as valid.</summary>
    Invalid,
    /// <summary>A non-personal number shaped like an identifier (order number, serial, SKU, timestamp): must not be found.</summary>
    Decoy,
}

/// <summary>One generated item and what a correct scanner makes of it.</summary>
/// <param name="Field">Header text, JSON key, or null in free text.</param>
/// <param name="Kind">The kind it is (or, for decoys, the kind it imitates).</param>
/// <param name="Value">Canonical value (valid), canonical masked form (masked), the written text (invalid), or for a
/// decoy the valid identifier it is or contains (a timestamp's last 11 digits form a mobile number).</param>
/// <param name="Written">Exactly what the file contains.</param>
/// <param name="Status">How it must be treated.</param>
/// <param name="Slot">Which person of the record it belongs to (0-based), or -1 for record-level items such as waybills.</param>
public sealed record TruthItem(string? Field, IdentifierKind Kind, string Value, string Written, ItemStatus Status, int Slot);
