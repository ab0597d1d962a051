using Orchestrator.Specs.Values;

namespace Orchestrator.Specs;

/// <summary>A setting swept as a grid axis (e.g. <c>grid.lr</c>): its spec key and values in spec order.</summary>
public sealed record SettingAxis(string Name, IReadOnlyList<SettingValue> Values);
