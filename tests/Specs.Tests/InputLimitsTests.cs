namespace Orchestrator.Specs.Tests;

/// <summary>Names and numbers outside their documented ranges (docs/limits.md) are refused with their field path.</summary>
public sealed class InputLimitsTests
{
    [Theory]
    [InlineData("name: quickstart", "name: ''")]
    [InlineData("name: quickstart", "name: a b")]
    [InlineData("name: quickstart", "name: ../etc")]
    [InlineData("name: quickstart", "name: caf\u00e9")]
    [InlineData("name: quickstart", "name: 'x;drop'")]
    [InlineData("name: quickstart", "name: 'tab\there'")]
    public void Names_outside_the_charset_are_refused(string find, string replacement)
    {
        var error = Assert.Single(Quickstart.Errors(Quickstart.With(find, replacement)));

        Assert.StartsWith("name: must be 1 to 64 characters of letters, digits, '-' or '_', got '", error);
    }

    [Fact]
    public void A_name_of_64_characters_is_accepted_and_65_refused()
    {
        var longest = new string('n', 64);

        Assert.Equal(longest, Quickstart.Parse(Quickstart.With("name: quickstart", $"name: {longest}")).Name);
        Assert.StartsWith("name: must be 1 to 64 characters",
            Assert.Single(Quickstart.Errors(Quickstart.With("name: quickstart", $"name: {longest}n"))));
    }

    [Theory]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [1.0, .nan]", "grid.spectrum[1]: must be a finite number, got '.nan'")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [-.inf]", "grid.spectrum[0]: must be a finite number, got '-.inf'")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [1e999]", "grid.spectrum[0]: must be a finite number, got '1e999'")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [10.5]", "grid.spectrum[0]: must be in (0, 10], got 10.5")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [0]", "grid.spectrum[0]: must be in (0, 10], got 0")]
    [InlineData("size: [32, 64, 128, 256, 512]", "size: [65537]", "grid.size[0]: must be at most 65536, got 65537")]
    [InlineData("latent_dim: 2048", "latent_dim: .inf", "settings.latent_dim: must be an integer, got '.inf'")]
    [InlineData("steps: 200", "steps: 1e999", "settings.steps: must be an integer, got '1e999'")]
    [InlineData("lr: auto", "lr: .inf", "settings.lr: must be a finite number, got '.inf' (or 'auto')")]
    [InlineData("lr: auto", "lr: -.inf", "settings.lr: must be a finite number, got '-.inf' (or 'auto')")]
    [InlineData("lr: auto", "lr: 1e999", "settings.lr: must be a finite number, got '1e999' (or 'auto')")]
    [InlineData("data: population", "data: finite:2147483648", "settings.data: D in 'finite:D' must be at most 2147483647, got 'finite:2147483648'")]
    [InlineData("bootstrap: 1000", "bootstrap: 99", "fit.bootstrap: must be an integer from 100 to 100000, got 99")]
    [InlineData("bootstrap: 1000", "bootstrap: 100001", "fit.bootstrap: must be at most 100000, got 100001")]
    public void Numbers_outside_their_ranges_are_refused_with_their_path(string find, string replacement, string expected)
    {
        Assert.Equal([expected], Quickstart.Errors(Quickstart.With(find, replacement)));
    }

    [Fact]
    public void Retries_beyond_the_limit_are_refused()
    {
        Assert.Equal(["retries: must be at most 100, got 101"], Quickstart.Errors(Quickstart.Yaml + "\nretries: 101\n"));
    }
}
