namespace Orchestrator.Specs.Validation;

/// <summary>A validated value with the field path it came from, so later checks can name it.</summary>
public readonly record struct Located<T>(T Value, string Path);
