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
/// <para>
/// A setting whose new default is not the old behaviour (a new variant that becomes the default) sets
/// <see cref="AbsentValue"/> to the old behaviour's value instead: that value is the one left out of canonical JSON,
/// and the one a stored definition or stored spec without the key reads back as, while a spec a person writes without
/// the key gets <see cref="Default"/>, written out. Stored ids and fingerprints keep their meaning; new specs get the
/// new variant under new ids.
/// </para>
/// </remarks>
public sealed record SettingDefinition(string Name, Func<string, ScalarOutcome> Read, SettingValue? Default)
{
    public bool IsRequired => Default is null;

    /// <summary>Left out of canonical JSON while it equals <see cref="Default"/> (a setting added after release).</summary>
    public bool OmittedAtDefault { get; init; }

    private readonly SettingValue? _absentValue;

    /// <summary>
    /// What canonical JSON without the key stands for, and so the value left out of it: set for a setting added
    /// after release whose <see cref="Default"/> is not the old behaviour; <see cref="Default"/> when
    /// <see cref="OmittedAtDefault"/>; otherwise null (always written).
    /// </summary>
    public SettingValue? AbsentValue
    {
        get => _absentValue ?? (OmittedAtDefault ? Default : null);
        init => _absentValue = value;
    }

    /// <summary>True when <paramref name="value"/> need not be written: it is the value an absent key stands for.</summary>
    public bool CanOmit(SettingValue value) => AbsentValue is { } absent && absent.Equals(value);

    /// <summary>The value of a spec without the key: <see cref="AbsentValue"/> when reading canonical JSON, else <see cref="Default"/>.</summary>
    public SettingValue? DefaultWhenReading(bool canonicalJson) => canonicalJson ? AbsentValue ?? Default : Default;

    /// <summary>The settings canonical JSON writes: all of <paramref name="settings"/> but those <see cref="CanOmit"/> leaves out.</summary>
    public static IEnumerable<KeyValuePair<string, SettingValue>> Written(IReadOnlyList<SettingDefinition> definitions,
        SettingMap settings) =>
        settings.Where(s => definitions.FirstOrDefault(d => d.Name == s.Key)?.CanOmit(s.Value) != true);
}
