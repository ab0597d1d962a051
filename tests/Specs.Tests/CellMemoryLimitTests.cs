using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Memory;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Tests;

/// <summary>Admission at validation: a spec whose largest cell would not fit the per-cell memory limit is refused.</summary>
public sealed class CellMemoryLimitTests
{
    // N = 32768 features: H alone is 8 GiB of doubles (natural-gradient also holds (H + δI)⁻¹, another 8 GiB).
    private static readonly string Large = Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 32768]")
        .Replace("latent_dim: 2048", "latent_dim: 32768");

    [Fact]
    public void A_cell_over_the_default_limit_is_refused_naming_its_axis_values_and_the_estimate()
    {
        var error = Assert.Single(Quickstart.Errors(Large));

        // natural-gradient holds H and (H + δI)⁻¹; gd, in the standard basis at this size, H alone.
        Assert.StartsWith("grid: cell (optimizer=natural-gradient, spectrum=1, size=32768, seed=0) needs an estimated ", error);
        Assert.Contains("GiB", error);
        Assert.EndsWith("the per-cell memory limit is 8 GiB (--max-cell-memory or $ORCHESTRATOR_MAX_CELL_MEMORY)", error);
    }

    [Fact]
    public void The_message_quotes_the_estimate_of_the_largest_cell()
    {
        var spec = SpecParser.Parse(Large, SpecLimits.Default with { MaxCellBytes = long.MaxValue }).Spec!;
        var largest = CellMemory.Largest(spec)!;

        var error = Assert.Single(Quickstart.Errors(Large));

        Assert.Equal(32768, largest.Cell.Size);
        Assert.Equal(RandomFeaturesMemoryEstimate.Bytes(RandomFeaturesExperiment.ToRun(largest.Cell)), largest.Bytes);
        Assert.Contains($"({largest.Bytes} bytes)", error);
        Assert.True(largest.Bytes > 2L * 8 * 32768 * 32768, $"{largest.Bytes}");
    }

    [Fact]
    public void The_largest_cell_is_the_largest_of_all_cells_though_only_representatives_are_visited()
    {
        var yaml = Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, adam, momentum, natural-gradient]")
            .Replace("  seed: [0, 1]\n", "  seed: [0, 1, 2]\n  data: [population, finite:700, online:64]\n  momentum: [0.5, 0.9]\n  lr: [0.1, 0.01]\n  outputs: [1, 3]\n")
            .Replace("  data: population\n", "").Replace("  lr: auto\n", "");
        var spec = Quickstart.Parse(yaml);

        var bruteForce = spec.ExpandCells().Max(cell => CellMemory.EstimateBytes(cell)!.Value);

        Assert.Equal(bruteForce, CellMemory.Largest(spec)!.Bytes);
        Assert.True(spec.ExpandCells().Select(CellMemory.EstimateBytes).Distinct().Count() > 10);
    }

    [Fact]
    public void Setting_axes_are_named_too()
    {
        var yaml = Quickstart.With("  seed: [0, 1]\n", "  seed: [0, 1]\n  data: [population, finite:100000000]\n")
            .Replace("  data: population\n", "");

        var error = Assert.Single(Quickstart.Errors(yaml));

        Assert.StartsWith("grid: cell (optimizer=gd, spectrum=1, size=512, seed=0, data=finite:100000000) needs ", error);
    }

    [Fact]
    public void A_raised_limit_admits_the_spec()
    {
        var result = SpecParser.Parse(Large, SpecLimits.Default with { MaxCellBytes = 64L << 30 });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_lowered_limit_refuses_even_the_quickstart()
    {
        var largest = CellMemory.Largest(Quickstart.Parse())!;

        var atLimit = SpecParser.Parse(Quickstart.Yaml, SpecLimits.Default with { MaxCellBytes = largest.Bytes });
        var belowLimit = SpecParser.Parse(Quickstart.Yaml, SpecLimits.Default with { MaxCellBytes = largest.Bytes - 1 });

        Assert.True(atLimit.IsValid);
        Assert.False(belowLimit.IsValid);
        Assert.Equal(512, largest.Cell.Size);
    }

    [Fact]
    public void The_check_runs_only_on_otherwise_valid_specs()
    {
        var yaml = Large.Replace("steps: 200", "steps: 0");

        Assert.Equal(["settings.steps: must be a positive integer, got 0"], Quickstart.Errors(yaml));
    }

    [Theory]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("8 GiB", 8L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("512m", 512L << 20)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("4096", 4096L)]
    [InlineData("2KB", 2048L)]
    [InlineData("1TiB", 1L << 40)]
    public void Byte_sizes_are_read_in_binary_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1GiB")]
    [InlineData("GiB")]
    [InlineData("8 PiB")]
    [InlineData("99999999999T")]
    [InlineData("1e9")]
    [InlineData("NaN")]
    [InlineData(null)]
    public void Other_byte_sizes_are_refused(string? text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(8L << 30, "8 GiB")]
    [InlineData(1536L << 20, "1.5 GiB")]
    [InlineData(1000L, "1000 B")]
    [InlineData(3L << 40, "3 TiB")]
    public void Byte_sizes_are_printed_in_the_largest_unit(long bytes, string text)
    {
        Assert.Equal(text, ByteSize.Format(bytes));
    }
}
