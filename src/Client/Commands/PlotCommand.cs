using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Plotting;
using Orchestrator.Specs;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator plot ID --out FILE.png [--figure loss|alpha|size-time|budget]</c>, or <c>plot --from results.json ...</c>
/// offline: draws a sweep's results (the current fits while it runs) as a PNG. The budget figure may draw another
/// sweep on the same axes (<c>--against</c>: a sweep's name, or with <c>--from</c> a results file).
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "The sweep's name (or use --from)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string?>("--from") { Description = "Plot an exported results.json instead of asking the cluster" };
        var output = new Option<string>("--out") { Description = "The PNG file to write", Required = true };
        var figure = new Option<string>("--figure")
        {
            Description = "loss: final loss vs size, one panel per spectrum, with the fitted laws; alpha: alpha vs s per optimizer, with 95% intervals; "
                + "size-time: loss vs tau = lr·step per size, one panel per series, with the fitted L = E + A·N^-alpha + B·tau^-beta; "
                + "budget: alpha interval width vs core-seconds spent, in the order the results were stored, with an adaptive sweep's target",
            DefaultValueFactory = _ => "loss",
        };
        figure.AcceptOnlyFromAmong("loss", "alpha", "size-time", Budget);
        var against = new Option<string?>("--against")
        {
            Description = "--figure budget: draw this sweep too (e.g. the full grid against an adaptive sweep): its name, or with --from a results file",
        };
        var perSeries = new Option<bool>("--per-series") { Description = "--figure budget: draw each series' width too, not only the widest" };
        var law = new Option<string>("--law")
        {
            Description = "The fits drawn: saturating (L = E + A·N^-alpha) or power (L = A·N^-alpha)",
            DefaultValueFactory = _ => "saturating",
        };
        law.AcceptOnlyFromAmong("saturating", "power");
        var width = new Option<int>("--width") { Description = "Width in pixels (default 1800 for loss and size-time, 1400 for alpha and budget)" };
        var height = new Option<int>("--height") { Description = "Height in pixels (default 1100 for loss and size-time, 900 for alpha and budget)" };
        var command = new Command("plot",
            "Plot a sweep's results as a PNG: loss vs size with the fitted laws, alpha vs s, loss vs time with the size × time law, or alpha interval width vs core-seconds")
        {
            id, from, output, figure, law, against, perSeries, width, height,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (w, h) = (parse.GetValue(width), parse.GetValue(height));
            if (w < 0 || h < 0 || w > 10000 || h > 10000)
            {
                throw new UsageException($"--width/--height: must be between 1 and 10000 pixels, got {w}x{h}");
            }

            var isBudget = parse.GetValue(figure) == Budget;
            if (!isBudget && (parse.GetValue(against) is not null || parse.GetValue(perSeries)))
            {
                throw new UsageException("--against / --per-series: only with --figure budget");
            }

            var documents = await ReadAsync(parse, parse.GetValue(id), parse.GetValue(from), parse.GetValue(against), cancellationToken);
            if (isBudget)
            {
                return SaveBudget(documents, parse.GetValue(perSeries), parse.GetRequiredValue(output), Or(w, BudgetFigure.DefaultWidth), Or(h, BudgetFigure.DefaultHeight));
            }

            var document = documents[0];
            FigureData data;
            try
            {
                data = FigureData.FromResults(document) with { Law = parse.GetRequiredValue(law) };
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--from: {ex.Message}");
            }

            var path = parse.GetRequiredValue(output);
            CreateDirectoryOf(path);
            switch (parse.GetValue(figure))
            {
                case "alpha":
                    AlphaVsSpectrumFigure.Save(data, path, Or(w, AlphaVsSpectrumFigure.DefaultWidth), Or(h, AlphaVsSpectrumFigure.DefaultHeight));
                    break;
                case "size-time":
                    try
                    {
                        SizeTimeFigure.Save(data, path, Or(w, SizeTimeFigure.DefaultWidth), Or(h, SizeTimeFigure.DefaultHeight));
                    }
                    catch (FormatException ex)
                    {
                        throw new UsageException($"--figure size-time: {ex.Message}");
                    }

                    break;
                default:
                    LossVsSizeFigure.Save(data, path, Or(w, LossVsSizeFigure.DefaultWidth), Or(h, LossVsSizeFigure.DefaultHeight));
                    break;
            }

            Console.WriteLine(parse.GetValue(figure) == "size-time"
                ? $"Wrote {path}: {data.CurvePoints.Count} curve points, {data.SizeTimeFits.Count} size × time fits"
                : $"Wrote {path}: {data.Points.Count} cells, {data.Fits.Count} fits");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator plot quickstart --out loss-vs-size.png",
            "orchestrator plot quickstart --figure alpha --out alpha-vs-s.png",
            "orchestrator plot quickstart --figure alpha --law power --out alpha-vs-s-power.png",
            "orchestrator plot quickstart --figure size-time --out loss-vs-time.png",
            "orchestrator plot adaptive --figure budget --against full-grid --out budget.png",
            "orchestrator plot --from out/results.json --out loss-vs-size.png");
    }

    private const string Budget = "budget";

    /// <summary>The budget figure of the first document, with the others (<c>--against</c>) on the same axes.</summary>
    private static int SaveBudget(IReadOnlyList<JsonObject> documents, bool perSeries, string path, int width, int height)
    {
        var curves = new List<BudgetCurve>();
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                curves.Add(BudgetCurve.FromResults(documents[i]));
            }
            catch (FormatException ex)
            {
                throw new UsageException($"{(i == 0 ? "ID / --from" : "--against")}: {ex.Message}");
            }
        }

        CreateDirectoryOf(path);
        try
        {
            BudgetFigure.Save(curves, perSeries, path, width, height);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--figure budget: {ex.Message}");
        }

        Console.WriteLine($"Wrote {path}: " + string.Join("; ", curves.Select(c =>
            $"{c.Sweep}: {c.Points.Count} finished cells, {c.Points.LastOrDefault()?.CoreSeconds ?? 0:0.#} core-seconds" +
            (c.Points.LastOrDefault()?.Widest is { } widest ? FormattableString.Invariant($", widest α interval {widest:0.0000}") : ""))));
        return ExitCodes.Ok;
    }

    private static void CreateDirectoryOf(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>
    /// The results document of the sweep (its name, or <c>--from</c> a file), then that of <paramref name="against"/>
    /// when given: a sweep's name, or a file when the first came from one.
    /// </summary>
    private static async Task<IReadOnlyList<JsonObject>> ReadAsync(ParseResult parse, string? sweepId, string? file, string? against, CancellationToken cancellationToken)
    {
        if ((sweepId is null) == (file is null))
        {
            throw new UsageException("ID / --from: give either a sweep's name or --from FILE, not both and not neither");
        }

        if (file is not null)
        {
            return against is null
                ? [await ReadFileAsync("--from", file, cancellationToken)]
                : [await ReadFileAsync("--from", file, cancellationToken), await ReadFileAsync("--against", against, cancellationToken)];
        }

        await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
        var documents = new List<JsonObject>();
        foreach (var name in against is null ? [sweepId!] : new[] { sweepId!, against })
        {
            var session = new SweepSession(connection.Client, name);
            SweepSpec spec;
            try
            {
                spec = await session.SpecAsync();
            }
            catch (UsageException ex) when (name == against && documents.Count == 1)
            {
                throw new UsageException($"--against: {ex.Message}");
            }

            documents.Add(await session.ResultsAsync(spec));
        }

        return documents;
    }

    private static async Task<JsonObject> ReadFileAsync(string flag, string file, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken)) as JsonObject
                ?? throw new UsageException($"{flag}: {file} is not a JSON object");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"{flag}: {file}: {ex.Message}");
        }
    }

    private static int Or(int value, int fallback) => value > 0 ? value : fallback;
}
