using System.Globalization;
using System.Text.Json;
using Orchestrator.Specs.Canonical;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs;

/// <summary>
/// One cell of a sweep, fully resolved: experiment, optimizer, spectrum, size, seed and every setting (defaults
/// written out). <see cref="Id"/> is a hash of <see cref="ToJson"/>, so it depends only on what defines the cell —
/// never on the sweep's name, YAML layout, key order, or whether a default was written explicitly.
/// </summary>
public sealed record CellDefinition
{
    private readonly string _json;

    internal CellDefinition(string experiment, string optimizer, double spectrum, int size, int seed,
        SettingMap settings)
    {
        Experiment = experiment;
        Optimizer = optimizer;
        Spectrum = spectrum;
        Size = size;
        Seed = seed;
        Settings = settings;
        (_json, var hash) = CanonicalJson.WriteAndHash(WriteTo);
        Id = hash[..IdLength];
    }

    /// <summary>Hex characters of a cell id (64 bits of SHA-256).</summary>
    public const int IdLength = 16;

    /// <summary>16 lowercase hex characters: the start of the SHA-256 of <see cref="ToJson"/>.</summary>
    public string Id { get; }
    public string Experiment { get; }
    public string Optimizer { get; }
    public double Spectrum { get; }
    public int Size { get; }
    public int Seed { get; }

    /// <summary>Every resolved setting by spec key (e.g. <c>latent_dim</c>, <c>steps</c>, <c>data</c>), in key order.</summary>
    public SettingMap Settings { get; }

    /// <summary>The fixed learning rate, or null for <c>auto</c> (or an experiment without <c>lr</c>).</summary>
    public double? LearningRate =>
        Settings.TryGetValue(CommonSettingNames.LearningRate, out var lr) && lr.Kind != SettingKind.Text
            ? lr.AsDouble()
            : null;

    /// <summary>Training steps T; throws for an experiment without <c>steps</c>.</summary>
    public int Steps => Settings[CommonSettingNames.Steps].AsInt32();

    /// <summary>Canonical JSON: fixed key order, settings sorted by key, reals in "R" form, invariant culture.</summary>
    public string ToJson() => _json;

    /// <summary>Reads <see cref="ToJson"/> back (same <see cref="Id"/>); throws <see cref="FormatException"/> otherwise.</summary>
    public static CellDefinition FromJson(string json) => CellJsonReader.Read(json);

    public bool Equals(CellDefinition? other) => other is not null && other._json == _json;

    public override int GetHashCode() => _json.GetHashCode(StringComparison.Ordinal);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Id} ({Optimizer}, s={Spectrum:R}, N={Size}, seed={Seed})");

    private void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("experiment", Experiment);
        writer.WriteString("optimizer", Optimizer);
        writer.WritePropertyName("spectrum");
        SettingValue.FromReal(Spectrum).WriteTo(writer);
        writer.WriteNumber("size", Size);
        writer.WriteNumber("seed", Seed);
        writer.WriteStartObject("settings");
        foreach (var (name, value) in SettingDefinition.Written(ExperimentRegistry.Get(Experiment).Settings, Settings))
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
