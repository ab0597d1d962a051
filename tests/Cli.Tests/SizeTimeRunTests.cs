using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// The size × time law end to end: a <c>synthetic</c> sweep with a time term and loss curves, run on the embedded
/// default, gets its law in the results (table, <c>size_time_fits</c>, <c>size-time-fits.csv</c>); <c>orchestrator
/// fit</c> on the exported file gives the aggregator's fits exactly; the size × time figure draws it.
/// </summary>
public sealed class SizeTimeRunTests
{
    private const string Spec = """
        name: size-time
        experiment: synthetic
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0]
          size: [32, 64, 128, 256, 512, 1024]
          seed: [0, 1, 2]
        settings:
          E: 0.02
          A: 2.5
          alpha: 0.3
          B: 1.0
          beta: 0.5
          steps: 1000
          sigma: 0.02
        optimizers:
          natural-gradient:
            alpha: 0.6
            beta: 0.8
            lr: 0.5
        fit:
          bootstrap: 200
        """;

    [Fact]
    public async Task A_synthetic_sweep_with_curves_gets_its_size_time_law_and_fit_reproduces_it()
    {
        var cli = new CliProcess();

        var run = await cli.RunAsync("run", cli.WriteFile("spec.yaml", Spec), "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Size × time law", run.Stdout, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        Assert.All(results["cells"]!.AsArray(), c =>
        {
            Assert.Equal(23, c!["curve"]!["steps"]!.AsArray().Count);
            Assert.Equal((string)c["optimizer"]! == "gd" ? 1.0 : 0.5, (double)c["learning_rate"]!);
        });
        var fits = results["size_time_fits"]!.AsArray();
        foreach (var (optimizer, alpha, beta) in new[] { ("gd", 0.3, 0.5), ("natural-gradient", 0.6, 0.8) })
        {
            var fit = fits.Single(f => (string)f!["optimizer"]! == optimizer)!;
            Assert.InRange((double)fit["alpha"]!, alpha - 0.02, alpha + 0.02);
            Assert.InRange((double)fit["beta"]!, beta - 0.03, beta + 0.03);
            Assert.Equal(6 * 3 * 17, (int)fit["n_points"]!);
        }

        var refit = await cli.RunAsync("fit", "out/results.json", "--format", "json");
        Assert.True(refit.ExitCode == 0, refit.Stderr);
        var offline = JsonNode.Parse(refit.Stdout)!;
        Assert.Equal(fits.ToJsonString(), offline["size_time_fits"]!.ToJsonString());
        Assert.Equal(results["fits"]!.ToJsonString(), offline["fits"]!.ToJsonString());

        var csv = File.ReadAllLines(cli.Path("out/size-time-fits.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("optimizer,spectrum,alpha,alpha_ci_low,alpha_ci_high,alpha_fixed,beta,", csv[0], StringComparison.Ordinal);

        var plot = await cli.RunAsync("plot", "size-time", "--figure", "size-time", "--out", "size-time.png");
        Assert.True(plot.ExitCode == 0, plot.Stdout + plot.Stderr);
        DrawnImage.Assert(cli.Path("size-time.png"), 1800, 1100);
    }

    /// <summary>
    /// <c>fit.exponents</c> reaches the size × time law through the aggregator: the held exponent is reported at its
    /// value (not the truth, so it was not fitted) with no interval, the rest is fitted with intervals, and the offline
    /// refit reads the settings back from results.json and gives the same fits.
    /// </summary>
    [Theory]
    [InlineData("beta", "{beta: 0.45}", null, 0.45)]
    [InlineData("alpha", "{alpha: 0.35}", 0.35, null)]
    public async Task A_fixed_exponent_in_the_spec_holds_it_in_the_size_time_law(string name, string exponents, double? alpha, double? beta)
    {
        var cli = new CliProcess();
        var spec = Spec.Replace("name: size-time", $"name: size-time-{name}", StringComparison.Ordinal)
            .Replace("  bootstrap: 200", $"  bootstrap: 200\n  exponents: {exponents}", StringComparison.Ordinal);

        var run = await cli.RunAsync("run", cli.WriteFile("spec.yaml", spec), "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        Assert.Equal((alpha, beta), ((double?)results["fit"]!["fixed_alpha"], (double?)results["fit"]!["fixed_beta"]));
        var fits = results["size_time_fits"]!.AsArray();
        Assert.Equal(2, fits.Count);
        Assert.All(fits, fit =>
        {
            AssertExponent(fit!, "alpha", alpha);
            AssertExponent(fit!, "beta", beta);
            // E may settle at its bound 0 when the held exponent is not the truth; A and B carry the decay.
            foreach (var (coefficient, least) in new[] { ("E", 0.0), ("A", 1e-3), ("B", 1e-3) })
            {
                Assert.True((double)fit![coefficient]! >= least, coefficient);
                Assert.True((double)fit[coefficient + "_ci_low"]! <= (double)fit[coefficient + "_ci_high"]!, coefficient);
            }
        });
        Assert.All(results["fits"]!.AsArray(), f => Assert.Equal(alpha is not null, (bool)f!["alpha_fixed"]!));

        var refit = await cli.RunAsync("fit", "out/results.json", "--format", "json");
        Assert.True(refit.ExitCode == 0, refit.Stderr);
        Assert.Equal(fits.ToJsonString(), JsonNode.Parse(refit.Stdout)!["size_time_fits"]!.ToJsonString());
    }

    /// <summary>A held exponent is exactly its value with no interval; a free one is fitted with one.</summary>
    private static void AssertExponent(JsonNode fit, string exponent, double? held)
    {
        Assert.Equal(held is not null, (bool)fit[exponent + "_fixed"]!);
        if (held is { } value)
        {
            Assert.Equal(value, (double)fit[exponent]!);
            Assert.Null(fit[exponent + "_ci_low"]);
            Assert.Null(fit[exponent + "_ci_high"]);
        }
        else
        {
            Assert.InRange((double)fit[exponent]!, (double)fit[exponent + "_ci_low"]!, (double)fit[exponent + "_ci_high"]!);
        }
    }

    [Fact]
    public async Task The_size_time_figure_of_results_without_curves_is_refused_naming_why()
    {
        var cli = new CliProcess();
        var file = cli.WriteFile("results.json", """
            {"sweep": "flat", "cells": [{"optimizer": "gd", "spectrum": 1, "size": 32, "seed": 0, "status": "succeeded",
             "final_loss": 0.5, "learning_rate": null}], "fits": [], "size_time_fits": []}
            """);

        var result = await cli.RunAsync("plot", "--from", file, "--figure", "size-time", "--out", "x.png");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--figure size-time: no size × time fits", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Path("x.png")));
    }

    [Fact]
    public async Task A_malformed_curve_is_refused_naming_the_cell()
    {
        var cli = new CliProcess();
        var file = cli.WriteFile("results.json", """
            {"sweep": "bad", "cells": [{"optimizer": "gd", "spectrum": 1, "size": 32, "seed": 0, "status": "succeeded",
             "final_loss": 0.5, "learning_rate": 1, "curve": {"steps": [1, 2], "losses": [0.9]}}]}
            """);

        var result = await cli.RunAsync("fit", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cells[0].curve: 2 steps but 1 losses", result.Stderr, StringComparison.Ordinal);
    }
}
