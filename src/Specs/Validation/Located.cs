namespace Orchestrator.Specs.Validation;

/// <summary>
/// A validated value with the field path it came from, so later checks can name it; <see cref="IsDefault"/> when the
/// spec did not write it.
/// </summary>
public readonly record struct Located<T>(T Value, string Path, bool IsDefault = false);
