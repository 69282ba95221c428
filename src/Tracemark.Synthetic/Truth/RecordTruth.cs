namespace Tracemark.Synthetic.Truth;

/// <summary>
/// The truth of one generated record, handed to the caller's truth writer as the record is written: where it is
/// (source file, or file!sheet, and 1-based record number), which people of the population it holds (one per slot),
/// and every item with what a correct scanner must make of it. A struct: one is made per record, millions per run.
/// </summary>
/// <param name="Source">The leak file the record is in (relative to leaks/), with !sheet for a workbook.</param>
/// <param name="Record">The record's number in its source (data rows or lines, 1-based).</param>
/// <param name="Persons">The population index of the person in each slot.</param>
/// <param name="Items">The generated items, in the order written.</param>
public readonly record struct RecordTruth(string Source, long Record, IReadOnlyList<long> Persons, IReadOnlyList<TruthItem> Items);
