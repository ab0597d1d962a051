using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Specs.Experiments.SpectralRank;

namespace Orchestrator.Specs.Tests;

/// <summary>
/// The two <c>ffn-spectral-rank</c> variants: <c>input: context</c> is the default of a spec a person writes, while
/// the first release's sweeps (<c>input: token</c>, written without the key) keep their fingerprints, cell ids and
/// results, and stored definitions without the key read back as the token variant.
/// </summary>
public sealed class SpectralRankVariantTests
{
    // Every setting spelled out, as the first release wrote them into canonical JSON.
    private const string FirstRelease = """
        name: ranks-first-release
        experiment: ffn-spectral-rank
        grid:
          optimizer: [adamw, muon]
          spectrum: [1.0]
          size: [8, 16]
          seed: [0]
        settings:
          vocab: 64
          embed_dim: 8
          outputs: 8
          teacher_width: 16
          steps: 30
          batch: 16
          lr: 0.01
          eval_tokens: 512
          weight_decay: 0.0
        fit:
          bootstrap: 100
        """;

    // Recorded by the first release (before the context variant existed) for FirstRelease: its fingerprint, and per
    // cell its id, final loss and TAIL hard rank.
    private const string FirstReleaseFingerprint = "6630ad3ea43c30ccc6d53563a4548d8b96cf46edd6d607b1124bb01c699733a3";

    private static readonly (string Id, string Optimizer, int Size, double Loss, double TailHardRank)[] FirstReleaseCells =
    [
        ("721c9e0abc847cf3", "adamw", 8, 0.5315429098221777, 3.0843073827194885),
        ("f4733697fb484756", "adamw", 16, 0.28771947945540677, 4.914290759055218),
        ("03b9a211c2c891d8", "muon", 8, 0.841836254711534, 4.155629216049852),
        ("30af8a509b5fed6e", "muon", 16, 0.790921652555138, 5.803255910398579),
    ];

    private static string TokenVariant => FirstRelease.Replace("  eval_tokens: 512", "  eval_tokens: 512\n  input: token");

    [Fact]
    public void The_token_variant_keeps_the_first_release_fingerprint_and_cell_ids()
    {
        var spec = Quickstart.Parse(TokenVariant);

        Assert.Equal(FirstReleaseFingerprint, spec.Fingerprint);
        Assert.Equal(FirstReleaseCells.Select(c => c.Id).Order(), spec.ExpandCells().Select(c => c.Id).Order());
        Assert.All(spec.ExpandCells(), c =>
        {
            Assert.DoesNotContain("\"input\"", c.ToJson());
            Assert.DoesNotContain("\"ctx\"", c.ToJson());
        });
        Assert.DoesNotContain("\"input\"", spec.CanonicalJson);
    }

    [Fact]
    public void The_token_variant_cells_give_the_first_release_results()
    {
        var cells = Quickstart.Parse(TokenVariant).ExpandCells().ToDictionary(c => c.Id);
        foreach (var recorded in FirstReleaseCells)
        {
            var run = SpectralRankExperiment.ToRun(cells[recorded.Id]);
            Assert.Equal((FfnInput.Token, recorded.Optimizer, recorded.Size), (run.Input, run.Optimizer, run.Width));

            var result = SpectralRankKernel.Run(run, TestContext.Current.CancellationToken);
            Assert.Equal(recorded.Loss, result.Run.FinalLoss);
            Assert.Equal(recorded.TailHardRank, result.Measurements["hard_rank_tail"]);
        }
    }

    [Fact]
    public void A_stored_definition_without_input_reads_back_as_the_token_variant()
    {
        var cell = Quickstart.Parse(TokenVariant).ExpandCells().First();

        var read = CellDefinition.FromJson(cell.ToJson());
        Assert.Equal(cell.Id, read.Id);
        Assert.Equal("token", read.Settings["input"].Text);
        Assert.Equal(FfnInput.Token, SpectralRankExperiment.ToRun(read).Input);
    }

    [Fact]
    public void A_stored_spec_without_input_reads_back_as_the_token_variant()
    {
        var stored = Quickstart.Parse(TokenVariant).CanonicalJson;

        var read = SweepSpec.FromCanonicalJson(stored);
        Assert.Equal(FirstReleaseFingerprint, read.Fingerprint);
        Assert.Equal("token", read.Settings["input"].Text);
    }

    [Fact]
    public void A_spec_written_without_input_gets_the_context_variant_under_new_ids()
    {
        var spec = Quickstart.Parse(FirstRelease);

        Assert.NotEqual(FirstReleaseFingerprint, spec.Fingerprint);
        Assert.Contains("\"input\":\"context\"", spec.CanonicalJson);
        var cell = spec.ExpandCells().First();
        Assert.Contains("\"input\":\"context\"", cell.ToJson());
        Assert.DoesNotContain(cell.Id, FirstReleaseCells.Select(c => c.Id));
        Assert.Equal((FfnInput.Context, 1.0), (SpectralRankExperiment.ToRun(cell).Input, SpectralRankExperiment.ToRun(cell).ContextWeight));

        // Its canonical JSON reads back as itself, and so does its cell's.
        Assert.Equal(spec.Fingerprint, SweepSpec.FromCanonicalJson(spec.CanonicalJson).Fingerprint);
        Assert.Equal(cell, CellDefinition.FromJson(cell.ToJson()));
    }

    [Fact]
    public void Ctx_at_one_is_left_out_and_other_values_are_written_and_can_be_an_axis()
    {
        var plain = Quickstart.Parse(FirstRelease);
        var spelled = Quickstart.Parse(FirstRelease.Replace("  lr: 0.01", "  lr: 0.01\n  ctx: 1"));
        Assert.Equal(plain.Fingerprint, spelled.Fingerprint);
        Assert.DoesNotContain("\"ctx\"", plain.ExpandCells().First().ToJson());

        var axis = Quickstart.Parse(FirstRelease.Replace("  seed: [0]", "  seed: [0]\n  ctx: [0, 0.5, 1]"));
        Assert.Equal(12, axis.CellCount);
        Assert.Equal([0.0, 0.5, 1.0], axis.ExpandCells().Select(c => SpectralRankExperiment.ToRun(c).ContextWeight).Distinct().Order());
        Assert.Contains("\"ctx\":0.5", axis.ExpandCells().First(c => SpectralRankExperiment.ToRun(c).ContextWeight == 0.5).ToJson());
    }

    [Fact]
    public void Ctx_with_the_token_input_is_refused_naming_its_path()
    {
        Assert.Equal(
            ["settings.ctx: ctx applies to input: context only (the cells of adamw use input: token)"],
            Quickstart.Errors(TokenVariant.Replace("  lr: 0.01", "  lr: 0.01\n  ctx: 0.5")));
        Assert.StartsWith("settings.input: unknown input 'embedding'; known: context, token",
            Assert.Single(Quickstart.Errors(FirstRelease.Replace("  lr: 0.01", "  lr: 0.01\n  input: embedding"))));
    }
}
