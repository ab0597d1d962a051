using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Plotting;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator plot ID --out FILE.png [--figure loss|alpha|size-time]</c>, or <c>plot --from results.json ...</c> offline:
/// draws a sweep's results (the current fits while it runs) as a PNG.
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
                + "size-time: loss vs tau = lr·step per size, one panel per series, with the fitted L = E + A·N^-alpha + B·tau^-beta",
            DefaultValueFactory = _ => "loss",
        };
        figure.AcceptOnlyFromAmong("loss", "alpha", "size-time");
        var law = new Option<string>("--law")
        {
            Description = "The fits drawn: saturating (L = E + A·N^-alpha) or power (L = A·N^-alpha)",
            DefaultValueFactory = _ => "saturating",
        };
        law.AcceptOnlyFromAmong("saturating", "power");
        var width = new Option<int>("--width") { Description = "Width in pixels (default 1800 for loss, 1400 for alpha)" };
        var height = new Option<int>("--height") { Description = "Height in pixels (default 1100 for loss, 900 for alpha)" };
        var command = new Command("plot", "Plot a sweep's results as a PNG: loss vs size with the fitted laws, alpha vs s, or loss vs time with the size × time law")
        {
            id, from, output, figure, law, width, height,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (w, h) = (parse.GetValue(width), parse.GetValue(height));
            if (w < 0 || h < 0 || w > 10000 || h > 10000)
            {
                throw new UsageException($"--width/--height: must be between 1 and 10000 pixels, got {w}x{h}");
            }

            var document = await ReadAsync(parse, parse.GetValue(id), parse.GetValue(from), cancellationToken);
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
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

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
            "orchestrator plot --from out/results.json --out loss-vs-size.png");
    }

    private static async Task<JsonObject> ReadAsync(ParseResult parse, string? sweepId, string? file, CancellationToken cancellationToken)
    {
        if ((sweepId is null) == (file is null))
        {
            throw new UsageException("ID / --from: give either a sweep's name or --from FILE, not both and not neither");
        }

        if (file is not null)
        {
            try
            {
                return JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken)) as JsonObject
                    ?? throw new UsageException($"--from: {file} is not a JSON object");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                throw new UsageException($"--from: {file}: {ex.Message}");
            }
        }

        await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
        var session = new SweepSession(connection.Client, sweepId!);
        return await session.ResultsAsync(await session.SpecAsync());
    }

    private static int Or(int value, int fallback) => value > 0 ? value : fallback;
}
