namespace Orchestrator.Specs.Tests;

/// <summary>
/// <c>cell_timeout</c> bounds how long one attempt of a cell may run. It is written into the canonical JSON only when
/// it differs from its default, so specs written before it existed keep their fingerprint and cell ids.
/// </summary>
public sealed class CellTimeoutSpecTests
{
    [Fact]
    public void The_quickstart_keeps_its_fingerprint_and_cell_ids()
    {
        var spec = Quickstart.Parse();

        Assert.Equal(Quickstart.Fingerprint, spec.Fingerprint);
        Assert.Equal(Quickstart.FirstCellId, spec.ExpandCells().First().Id);
        Assert.DoesNotContain("cell_timeout", spec.CanonicalJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("1d")]
    [InlineData("86400")]
    [InlineData("1440m")]
    public void The_default_written_out_is_the_same_spec(string written)
    {
        var spec = Quickstart.Parse(Quickstart.Yaml + $"\ncell_timeout: {written}");

        Assert.Equal(TimeSpan.FromHours(24), spec.CellTimeout);
        Assert.Equal(Quickstart.Fingerprint, spec.Fingerprint);
        Assert.Equal(Quickstart.Parse().CanonicalJson, spec.CanonicalJson);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("6h", 21600)]
    [InlineData("2d", 172800)]
    public void Reads_seconds_or_a_duration_and_round_trips(string written, int seconds)
    {
        var spec = Quickstart.Parse(Quickstart.Yaml + $"\ncell_timeout: {written}");

        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.CellTimeout);
        Assert.Contains($"\"cell_timeout\":{seconds}", spec.CanonicalJson, StringComparison.Ordinal);
        Assert.NotEqual(Quickstart.Fingerprint, spec.Fingerprint);
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.CellTimeout, back.CellTimeout);
        // A cell is what it computes: the timeout is not part of its id.
        Assert.Equal(Quickstart.FirstCellId, spec.ExpandCells().First().Id);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("-5")]
    [InlineData("6x")]
    [InlineData("1.5h")]
    [InlineData("soon")]
    [InlineData("31d")]
    [InlineData("99999999999999999999h")]
    [InlineData("[1, 2]")]
    public void A_bad_cell_timeout_names_the_field(string written)
    {
        var errors = Quickstart.Errors(Quickstart.Yaml + $"\ncell_timeout: {written}");

        var error = Assert.Single(errors);
        Assert.StartsWith("cell_timeout: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_duration_says_what_is_expected() => Assert.Equal(
        ["cell_timeout: must be a duration of 1 second to 30 days: seconds, or a whole number with s, m, h or d (90s, 30m, 6h), got 'soon'"],
        Quickstart.Errors(Quickstart.Yaml + "\ncell_timeout: soon"));
}
