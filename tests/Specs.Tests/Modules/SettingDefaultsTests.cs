using Orchestrator.Specs.Experiments;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>
/// The rule for adding a setting to a shipped experiment (<see cref="SettingDefinition.OmittedAtDefault"/>): at its
/// default it is left out of the cell's and the spec's canonical JSON, so ids, fingerprints and stored definitions
/// written before it existed stay valid. The <c>synthetic</c> fault and time-term settings follow the rule.
/// </summary>
public sealed class SettingDefaultsTests
{
    private const string Yaml = """
        name: elision
        experiment: synthetic
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [32, 64]
          seed: [0]
        settings:
          alpha: 0.3
        """;

    private static SweepSpec Parse(string yaml) => SpecParser.Parse(yaml).Spec ?? throw new InvalidOperationException(
        string.Join("; ", SpecParser.Parse(yaml).Errors));

    [Fact]
    public void A_setting_at_its_default_changes_no_id_and_no_fingerprint()
    {
        var plain = Parse(Yaml);
        var spelled = Parse(Yaml.Replace("  alpha: 0.3",
            "  alpha: 0.3\n  fault: none\n  fault_seed: -1\n  fault_mib: 1024\n  B: 0\n  beta: 0.5\n  steps: 1\n  lr: 1"));

        Assert.Equal(plain.Fingerprint, spelled.Fingerprint);
        Assert.Equal(plain.ExpandCells().Select(c => c.Id), spelled.ExpandCells().Select(c => c.Id));
        foreach (var key in new[] { "fault", "\"B\"", "\"beta\"", "\"steps\"", "\"lr\"" })
        {
            Assert.DoesNotContain(key, plain.ExpandCells().First().ToJson());
            Assert.DoesNotContain(key, plain.CanonicalJson);
        }
    }

    [Fact]
    public void A_definition_stored_without_the_setting_reads_back_with_its_default()
    {
        var cell = Parse(Yaml).ExpandCells().First();

        var read = CellDefinition.FromJson(cell.ToJson());
        Assert.Equal(cell.Id, read.Id);
        Assert.Equal("none", read.Settings["fault"].Text);
        Assert.Equal(-1, read.Settings["fault_seed"].AsInt32());
    }

    [Theory]
    [InlineData("fault: hang", "\"fault\":\"hang\"")]
    [InlineData("steps: 100", "\"steps\":100")]
    public void A_setting_away_from_its_default_is_written_and_changes_the_id(string setting, string written)
    {
        var plain = Parse(Yaml).ExpandCells().First();
        var changed = Parse(Yaml.Replace("  alpha: 0.3", "  alpha: 0.3\n  " + setting)).ExpandCells().First();

        Assert.NotEqual(plain.Id, changed.Id);
        Assert.Contains(written, changed.ToJson());
        Assert.Equal(changed.Id, CellDefinition.FromJson(changed.ToJson()).Id);
    }

    [Fact]
    public void Settings_of_the_first_release_are_always_written()
    {
        // The random-features settings predate the rule: every one is in the cell JSON, defaults included, so the
        // ids of stored sweeps stay what they were.
        var cell = SpecParser.Parse(Quickstart.Yaml).Spec!.ExpandCells().First();
        foreach (var setting in ExperimentRegistry.Get(cell.Experiment).Settings)
        {
            Assert.False(setting.OmittedAtDefault, setting.Name);
            Assert.Contains($"\"{setting.Name}\":", cell.ToJson());
        }
    }
}
