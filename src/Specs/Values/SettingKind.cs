namespace Orchestrator.Specs.Values;

/// <summary>The representation of a resolved setting value.</summary>
public enum SettingKind { Integer, Real, Text }
