using System.Text;

namespace Orchestrator.Specs.Tests;

/// <summary>Input limits keep parsing bounded whatever the input.</summary>
public sealed class LimitsTests
{
    [Fact]
    public void Text_over_one_mebibyte_is_refused_before_parsing()
    {
        var yaml = Quickstart.Yaml + "\n#" + new string('x', 1 << 20);

        Assert.Equal(["(spec): the spec is larger than 1048576 bytes"], Quickstart.Errors(yaml));
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes()
    {
        // 400,000 three-byte characters: 1.2 MB of UTF-8 in 400,000 chars.
        var yaml = Quickstart.Yaml + "\n#" + new string('€', 400_000);

        Assert.Equal(["(spec): the spec is larger than 1048576 bytes"], Quickstart.Errors(yaml));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var yaml = "name: " + new string('[', 100) + new string(']', 100);

        Assert.Equal(["(yaml): line 1, column 22: nested deeper than 16 levels"], Quickstart.Errors(yaml));
    }

    [Fact]
    public void Nesting_within_the_limit_reaches_validation()
    {
        // Depth 16: the top mapping plus 15 lists.
        var yaml = "name: " + new string('[', 15) + new string(']', 15);

        Assert.DoesNotContain(Quickstart.Errors(yaml), e => e.StartsWith("(yaml)", StringComparison.Ordinal));
    }

    [Fact]
    public void Anchors_are_refused()
    {
        var yaml = Quickstart.With("size: [32, 64, 128, 256, 512]", "size: &sizes [32, 64]");

        Assert.Equal(["(yaml): line 6, column 9: anchors (&name) are not supported; write the value out"],
            Quickstart.Errors(yaml));
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_at_the_first_anchor()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        Assert.Equal(["(yaml): line 1, column 5: anchors (&name) are not supported; write the value out"],
            Quickstart.Errors(yaml.ToString()));
    }

    [Fact]
    public void Aliases_are_refused()
    {
        // An alias to an undefined anchor is a YAML error; a defined one is refused at its anchor. Either way no expansion.
        var error = Assert.Single(Quickstart.Errors("name: *other\n"));

        Assert.StartsWith("(yaml): line 1, column 7: ", error);
    }

    [Fact]
    public void An_axis_longer_than_the_limit_is_refused()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, 10_001));

        Assert.Equal(["grid.seed: has 10001 values; the limit is 10000 per axis"],
            Quickstart.Errors(Quickstart.With("seed: [0, 1]", $"seed: [{seeds}]")));
    }

    [Fact]
    public void An_axis_at_the_limit_is_accepted_when_the_grid_fits()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, 10_000));
        var yaml = Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd]")
            .Replace("spectrum: [1.0, 1.5]", "spectrum: [1.0]")
            .Replace("size: [32, 64, 128, 256, 512]", "size: [32]")
            .Replace("seed: [0, 1]", $"seed: [{seeds}]");

        Assert.Equal(10_000, Quickstart.Parse(yaml).CellCount);
    }

    [Fact]
    public void A_huge_grid_is_refused_without_expanding_it()
    {
        var values = string.Join(", ", Enumerable.Range(1, 10_000));
        var yaml = Quickstart.With("size: [32, 64, 128, 256, 512]", $"size: [{values}]")
            .Replace("seed: [0, 1]", $"seed: [{values}]")
            .Replace("latent_dim: 2048", "latent_dim: 65536");

        Assert.Equal(["grid: expands to 2 × 2 × 10000 × 10000 = 400000000 cells; the limit is 100000"],
            Quickstart.Errors(yaml));
    }

    [Fact]
    public void At_most_a_hundred_errors_are_listed_and_the_rest_counted()
    {
        var yaml = Quickstart.Yaml + "\n" + string.Concat(Enumerable.Range(0, 250).Select(i => $"extra{i}: 1\n"));

        var errors = Quickstart.Errors(yaml);

        Assert.Equal(101, errors.Count);
        Assert.StartsWith("extra99: unknown key", errors[99]);
        Assert.Equal("(spec): 150 more errors not shown", errors[100]);
    }

    [Fact]
    public void A_missing_file_is_an_error_on_the_file()
    {
        var result = SpecParser.ParseFile(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("(file)", error.Path);
        Assert.EndsWith("does not exist", error.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_an_error_on_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Quickstart.Yaml + "\n#" + new string('x', 1 << 20));
        try
        {
            var error = Assert.Single(SpecParser.ParseFile(path).Errors);

            Assert.Equal("(file)", error.Path);
            Assert.Contains("the limit is 1048576", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_directory_is_not_a_spec_file()
    {
        var error = Assert.Single(SpecParser.ParseFile(Path.GetTempPath()).Errors);

        Assert.Equal("(file)", error.Path);
        Assert.EndsWith("is a directory, not a spec file", error.Message);
    }
}
