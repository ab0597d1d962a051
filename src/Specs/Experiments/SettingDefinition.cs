using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// One setting of an experiment: its spec key, how its scalar is read and checked, and its default (null when the
/// spec must give it, under <c>settings</c> or as a grid axis).
/// </summary>
public sealed record SettingDefinition(string Name, Func<string, ScalarOutcome> Read, SettingValue? Default)
{
    public bool IsRequired => Default is null;
}
