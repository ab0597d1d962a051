using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>An <c>ffn-spectral-rank</c> sweep end to end on the embedded default: measurements and rank fits.</summary>
public sealed class SpectralRankRunTests
{
    private const string Spec = """
        name: ranks-tiny
        experiment: ffn-spectral-rank
        grid:
          optimizer: [adamw, muon, sgd]
          spectrum: [1.0]
          size: [8, 16, 32]
          seed: [0, 1]
        settings:
          vocab: 64
          embed_dim: 8
          outputs: 8
          teacher_width: 16
          steps: 40
          batch: 16
          lr: 0.01
          eval_tokens: 512
        optimizers:
          sgd:
            lr: 0.005
        fit:
          bootstrap: 100
        """;

    [Fact]
    public async Task RunWritesMeasurementsAndRankFits()
    {
        var cli = new CliProcess();
        var run = await cli.RunAsync("run", cli.WriteFile("ranks.yaml", Spec), "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Activation-rank scaling (rank = A·D^beta; ratio = beta / beta of adamw)", run.Stdout, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        var cells = results["cells"]!.AsArray();
        Assert.Equal(18, cells.Count);
        Assert.All(cells, c =>
        {
            Assert.Equal("succeeded", (string)c!["status"]!);
            var measurements = c["measurements"]!.AsObject();
            Assert.Equal((double)c["final_loss"]!, (double)measurements["loss_all"]!);
            Assert.InRange((double)measurements["hard_rank_tail"]!, 1.0, (double)measurements["soft_rank_tail"]! + 1e-9);
        });

        // 3 optimizers × 4 buckets × 4 rank kinds (post-ReLU² and pre-activation, soft and hard), each over 3 widths × 2 seeds.
        var fits = results["rank_fits"]!.AsArray();
        Assert.Equal(48, fits.Count);
        Assert.All(fits, f => Assert.Equal((3, 6, "adamw"), ((int)f!["n_sizes"]!, (int)f["n_cells"]!, (string)f["baseline"]!)));
        var tail = fits.Single(f => (string)f!["optimizer"]! == "muon" && (string)f["bucket"]! == "tail" && (string)f["kind"]! == "hard")!;
        Assert.True((double)tail["beta_ci_low"]! <= (double)tail["beta"]! && (double)tail["beta"]! <= (double)tail["beta_ci_high"]!);
        Assert.NotNull(tail["beta_boot_ci_low"]);
        Assert.NotNull(tail["beta_ratio_vs_baseline"]);
        Assert.All(fits.Where(f => (string)f!["optimizer"]! == "adamw"), f => Assert.Equal(1.0, (double)f!["beta_ratio_vs_baseline"]!));

        // The loss fits still apply to final_loss, against the experiment's baseline.
        Assert.Contains(results["fits"]!.AsArray(), f => (string)f!["optimizer"]! == "muon" && (string)f["law"]! == "power");
        Assert.All(results["shifts"]!.AsArray(), s => Assert.Equal("adamw", (string)s!["baseline"]!));

        var csv = File.ReadAllLines(cli.Path("out/cells.csv"));
        Assert.Equal(19, csv.Length);
        Assert.StartsWith("id,optimizer,spectrum,size,seed,lr,status,final_loss,learning_rate,attempts,silo,seconds,flops,error,eval_tokens_all,", csv[0], StringComparison.Ordinal);
        Assert.Contains("hard_rank_tail", csv[0].Split(','));

        var json = await cli.RunAsync("results", "ranks-tiny", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(results.ToJsonString(), JsonNode.Parse(json.Stdout)!.ToJsonString());
        // The offline refit of the exported file gives the same rank fits.
        var refit = await cli.RunAsync("fit", cli.Path("out/results.json"), "--format", "json");
        Assert.True(refit.ExitCode == 0, refit.Stderr);
        Assert.Equal(fits.ToJsonString(), JsonNode.Parse(refit.Stdout)!["rank_fits"]!.ToJsonString());

        var table = await cli.RunAsync("results", "ranks-tiny");
        Assert.Contains("tail    hard      muon", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoLearningRateIsBadInputNamingThePath()
    {
        var cli = new CliProcess();
        var result = await cli.RunAsync("validate", cli.WriteFile("auto.yaml", Spec.Replace("  lr: 0.01", "  lr: auto")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("settings.lr: 'auto' is not defined for experiment 'ffn-spectral-rank'", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
