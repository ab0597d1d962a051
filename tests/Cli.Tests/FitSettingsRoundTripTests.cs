using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// The fit settings beyond the baseline (fixed exponents, the Huber objective) reach the aggregator and the exported
/// results.json, and <c>orchestrator fit FILE</c> reproduces the aggregator's numbers from the file exactly.
/// </summary>
public sealed class FitSettingsRoundTripTests
{
    private static string Spec(string name, string fit) => $"""
        name: {name}
        experiment: synthetic
        grid:
          optimizer: [gd, adam]
          spectrum: [1.0]
          size: [32, 64, 128, 256, 512, 1024]
          seed: [0, 1, 2, 3]
        settings:
          E: 0.01
          A: 2.0
          alpha: 0.4
          sigma: 0.03
        optimizers:
          adam:
            A: 1.0
        fit:
          baseline: gd
          bootstrap: 200
        {fit}
        """;

    [Theory]
    [InlineData("fixed", "  exponents: {alpha: 0.4, beta: 0.25}", 0.4, 0.25, null)]
    [InlineData("huber", "  robust: huber\n  huber_delta: 0.002", null, null, 0.002)]
    [InlineData("both", "  exponents: {alpha: 0.4}\n  robust: huber", 0.4, null, 0.001)]
    public async Task The_offline_refit_reproduces_the_aggregator(string name, string fit, double? alpha, double? beta, double? delta)
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Spec(name, fit));

        var run = await cli.RunAsync("run", spec, "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Coefficient shifts at a common exponent", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("meaningful where the shared-exponent verdict is 'shared'", run.Stdout, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        var settings = results["fit"]!;
        Assert.Equal((alpha, beta, delta), ((double?)settings["fixed_alpha"], (double?)settings["fixed_beta"], (double?)settings["huber_delta"]));
        Assert.NotEmpty(results["coefficient_shifts"]!.AsArray());
        Assert.All(results["fits"]!.AsArray(), f =>
        {
            Assert.Equal(alpha is not null, (bool)f!["alpha_fixed"]!);
            Assert.Equal(delta is null ? "least-squares" : "huber", (string)f["objective"]!);
        });

        var refit = await cli.RunAsync("fit", cli.Path("out/results.json"), "--format", "json");

        Assert.True(refit.ExitCode == 0, refit.Stderr);
        var refitJson = JsonNode.Parse(refit.Stdout)!;
        foreach (var part in new[] { "fits", "shifts", "shared_exponent", "diagnostics", "coefficient_shifts", "size_time_fits" })
        {
            Assert.Equal(results[part]!.ToJsonString(), refitJson[part]!.ToJsonString());
        }

        var table = await cli.RunAsync("fit", cli.Path("out/results.json"));
        Assert.Contains("Coefficient shifts at a common exponent", table.Stdout, StringComparison.Ordinal);
        Assert.True(
            table.Stdout.IndexOf("Shared exponent across optimizers", StringComparison.Ordinal)
            < table.Stdout.IndexOf("Coefficient shifts at a common exponent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_fit_setting_is_refused_with_its_path()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Spec("bad", "  exponents: {alpha: 12}"));

        var result = await cli.RunAsync("validate", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fit.exponents.alpha: must be in (0, 10], got 12", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_results_file_with_a_malformed_fit_setting_is_bad_input()
    {
        var cli = new CliProcess();
        var file = cli.WriteFile("results.json", """{"fit": {"baseline": "gd", "fixed_alpha": "steep"}, "cells": []}""");

        var result = await cli.RunAsync("fit", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fixed_alpha", result.Stderr, StringComparison.Ordinal);
    }
}
