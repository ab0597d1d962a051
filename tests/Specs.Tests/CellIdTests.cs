namespace Orchestrator.Specs.Tests;

/// <summary>A cell id is the hash of the fully resolved cell, whatever way the spec wrote it.</summary>
public sealed class CellIdTests
{
    private static IReadOnlyList<string> Ids(string yaml) => Quickstart.Parse(yaml).ExpandCells().Select(c => c.Id).ToList();

    [Fact]
    public void Ids_do_not_depend_on_yaml_layout_or_key_order()
    {
        const string Reordered = """
            fit: {bootstrap: 1000, baseline: gd}
            settings:
              data: "population"
              steps: 200
              lr: 'auto'
              latent_dim: 2048.0e0
            grid:
              seed:
                - 0
                - 1
              size: [32, 64, 128, 256, 512]
              spectrum: [1, 1.50]
              optimizer: [gd, natural-gradient]
            experiment: random-features
            name: quickstart
            """;

        // latent_dim must be an integer: "2048.0e0" is refused, so use its plain form in the valid variant.
        Assert.NotEmpty(Quickstart.Errors(Reordered));
        Assert.Equal(Ids(Quickstart.Yaml), Ids(Reordered.Replace("2048.0e0", "+2048")));
    }

    [Fact]
    public void Ids_do_not_depend_on_defaults_being_written()
    {
        var explicitDefaults = Quickstart.With("  data: population", """
              data: population
              lr_scale: 1.0
              outputs: 1
              target_decay: 0.0
              momentum: 0.9
              beta1: 0.9
              beta2: 0.999
              epsilon: 1e-8
              damping: 0.00000001
              gamma: 0.5
            """.TrimEnd());
        var omittedDefaults = Quickstart.With("  lr: auto\n  data: population\n", "");

        Assert.Equal(Ids(Quickstart.Yaml), Ids(explicitDefaults));
        Assert.Equal(Ids(Quickstart.Yaml), Ids(omittedDefaults));
        Assert.Equal(Quickstart.Parse().Fingerprint, Quickstart.Parse(explicitDefaults).Fingerprint);
    }

    [Fact]
    public void The_sweep_name_is_not_part_of_a_cell_id()
    {
        var renamed = Quickstart.With("name: quickstart", "name: another-sweep");

        Assert.Equal(Ids(Quickstart.Yaml), Ids(renamed));
        Assert.NotEqual(Quickstart.Parse().Fingerprint, Quickstart.Parse(renamed).Fingerprint);
    }

    [Fact]
    public void Two_sweeps_that_share_a_cell_share_its_id()
    {
        var smaller = """
            name: small
            experiment: random-features
            grid:
              optimizer: [natural-gradient]
              spectrum: [1.5]
              size: [128]
              seed: [1]
            settings:
              latent_dim: 2048
              steps: 200
            """;

        var shared = Assert.Single(Quickstart.Parse(smaller).ExpandCells());
        var same = Assert.Single(Quickstart.Parse().ExpandCells(), c =>
            c is { Optimizer: "natural-gradient", Spectrum: 1.5, Size: 128, Seed: 1 });
        Assert.Equal(same.Id, shared.Id);
        Assert.Equal(same, shared);
    }

    [Fact]
    public void A_setting_as_a_one_value_axis_gives_the_same_cells_as_the_fixed_setting()
    {
        var asAxis = Quickstart.With("  steps: 200\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  steps: [200]");

        Assert.Equal(Ids(Quickstart.Yaml), Ids(asAxis));
    }

    [Theory]
    [InlineData("steps: 200", "steps: 201")]
    [InlineData("lr: auto", "lr: 0.5")]
    [InlineData("data: population", "data: finite:100")]
    [InlineData("latent_dim: 2048", "latent_dim: 4096")]
    [InlineData("  lr: auto", "  lr: auto\n  damping: 1e-6")]
    public void Changing_a_setting_changes_every_id(string find, string replacement)
    {
        var changed = Ids(Quickstart.With(find, replacement));

        Assert.Empty(changed.Intersect(Ids(Quickstart.Yaml)));
    }

    [Fact]
    public void Data_regimes_are_normalised()
    {
        var padded = Quickstart.Parse(Quickstart.With("data: population", "data: 'finite: 0100'"));
        var plain = Quickstart.Parse(Quickstart.With("data: population", "data: finite:100"));

        Assert.Equal(plain.Fingerprint, padded.Fingerprint);
        Assert.Equal("finite:100", padded.Settings["data"].Text);
    }

    [Fact]
    public void Ids_are_sixteen_hex_characters_of_the_sha256_of_the_cell_json()
    {
        var cell = Quickstart.Parse().ExpandCells().First();

        var hash = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cell.ToJson())));
        Assert.Equal(hash[..16], cell.Id);
    }

    [Fact]
    public void Cell_json_is_stable()
    {
        var cell = Quickstart.Parse().ExpandCells().First();

        Assert.Equal(
            """{"experiment":"random-features","optimizer":"gd","spectrum":1,"size":32,"seed":0,"settings":{"beta1":0.9,"beta2":0.999,"damping":1E-08,"data":"population","epsilon":1E-08,"gamma":0.5,"latent_dim":2048,"lr":"auto","lr_scale":1,"momentum":0.9,"outputs":1,"steps":200,"target_decay":0}}""",
            cell.ToJson());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"experiment":"random-features"}""")]
    public void Malformed_cell_json_is_refused(string json) =>
        Assert.Throws<FormatException>(() => CellDefinition.FromJson(json));

    [Fact]
    public void Cell_json_with_an_invalid_or_unknown_setting_is_refused()
    {
        var json = Quickstart.Parse().ExpandCells().First().ToJson();

        Assert.Throws<FormatException>(() => CellDefinition.FromJson(json.Replace("\"steps\":200", "\"steps\":0")));
        Assert.Throws<FormatException>(() => CellDefinition.FromJson(json.Replace("\"steps\":200", "\"steps\":200,\"x\":1")));
        Assert.Throws<FormatException>(() => CellDefinition.FromJson(json.Replace("\"steps\":200,", "")));
    }
}
