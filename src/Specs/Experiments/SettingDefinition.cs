using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// One setting of an experiment: its spec key, how its scalar is read and checked, and its default (null when the
/// spec must give it, under <c>settings</c> or as a grid axis).
/// </summary>
/// <remarks>
/// Adding a setting to an experiment that has shipped: give it a default that reproduces the old behaviour and set
/// <see cref="OmittedAtDefault"/>. The cell's canonical JSON (whose hash is the cell id) and the spec's canonical JSON
/// (whose hash is the fingerprint) then leave it out while it holds its default, so every existing cell id, stored
/// record and in-flight sweep stays valid across the upgrade, and a stored definition without the key reads back
/// with the default. Settings that were there from an experiment's first release are always written.
/// </remarks>
public sealed record SettingDefinition(string Name, Func<string, ScalarOutcome> Read, SettingValue? Default)
{
    public bool IsRequired => Default is null;

    /// <summary>Left out of canonical JSON while it equals <see cref="Default"/> (a setting added after release).</summary>
    public bool OmittedAtDefault { get; init; }

    /// <summary>True when <paramref name="value"/> need not be written: an omitted-at-default setting at its default.</summary>
    public bool CanOmit(SettingValue value) => OmittedAtDefault && Default is { } d && d.Equals(value);

    /// <summary>The settings canonical JSON writes: all of <paramref name="settings"/> but those <see cref="CanOmit"/> leaves out.</summary>
    public static IEnumerable<KeyValuePair<string, SettingValue>> Written(IReadOnlyList<SettingDefinition> definitions,
        SettingMap settings) =>
        settings.Where(s => definitions.FirstOrDefault(d => d.Name == s.Key)?.CanOmit(s.Value) != true);
}
