using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Client.Output;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator fit FILE [--format table|json|csv] [--threads N]</c>: refits an exported results.json offline, with
/// the settings stored in it and the analysis of its experiment (read from the document's <c>experiment</c>; the loss
/// fits alone for a document without one), giving the same numbers as the aggregator, on every core unless
/// <c>--threads</c> says otherwise (the numbers do not depend on it). It says on stderr how many cells it read, with
/// which statuses, and how many it could use; a file with no usable cell is bad input (exit code 2).
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A results.json written by `run --out` or `results --format json`" };
        var format = new Option<string>("--format") { Description = "table, json or csv (the fits)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var threads = new Option<int>("--threads")
        {
            Description = "Threads the fit uses (default: one per core); the numbers are the same for any count",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("fit", "Refit the scaling laws of an exported results.json") { file, format, threads };
        command.SetAction(parse =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                throw new UsageException($"--threads: must be a positive integer, got {threadCount}");
            }

            var path = parse.GetRequiredValue(file);
            var (analysis, statuses) = Read(path);
            Console.Error.WriteLine(statuses.Describe(path));
            if (statuses.Usable == 0)
            {
                throw new UsageException($"{path}: no usable cell; a fit uses cells whose status is succeeded or diverged");
            }

            var fitted = analysis.Refit(threadCount);
            var output = new JsonObject();
            ResultsDocument.AddAnalysis(output, fitted);
            Console.Write(parse.GetValue(format) switch
            {
                "json" => output.ToJsonString(ResultsDocument.Indented) + "\n",
                "csv" => Csv.Write(output["fits"] as JsonArray ?? [], Csv.FitColumns),
                _ => FitTables.Render(output),
            });
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator fit out/results.json",
            "orchestrator fit out/results.json --format json",
            "orchestrator fit out/results.json --threads 1");
    }

    private static (IExperimentAnalysis Analysis, CellStatusCounts Statuses) Read(string path)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UsageException($"{path}: not a JSON object");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"{path}: {ex.Message}");
        }

        var cells = document["cells"] as JsonArray ?? throw new UsageException($"{path}: cells: missing; expected the results contract");
        var fit = document["fit"] as JsonObject;
        FitOptions options;
        try
        {
            options = new FitOptions
            {
                Baseline = fit?["baseline"]?.GetValue<string>() ?? "gd",
                BootstrapResamples = fit?["bootstrap"]?.GetValue<int>() ?? 1000,
                Steps = fit?["steps"]?.GetValue<int>(),
                // Absent in files written before these settings: fitted exponents, least squares.
                FixedAlpha = fit?["fixed_alpha"]?.GetValue<double>(),
                FixedBeta = fit?["fixed_beta"]?.GetValue<double>(),
                HuberDelta = fit?["huber_delta"]?.GetValue<double>(),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new UsageException($"{path}: fit: baseline must be a string; bootstrap, steps, fixed_alpha, fixed_beta and huber_delta numbers");
        }

        var experimentName = document["experiment"] is JsonValue e && e.TryGetValue<string>(out var name) ? name : null;
        var experiment = experimentName is null ? null : ExperimentRegistry.Find(experimentName)
            ?? throw new UsageException($"{path}: experiment: unknown experiment '{experimentName}'; known: {string.Join(", ", ExperimentRegistry.Names)}");
        var analysis = experiment?.CreateAnalysis(options) ?? new LossScalingAnalysis(options);
        var statuses = new CellStatusCounts();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
            {
                throw new UsageException($"{path}: cells[{i}]: expected an object");
            }

            var status = Text(cell, "status", path, i);
            statuses.Add(status);
            if (!CellStatusCounts.IsUsable(status))
            {
                continue;
            }

            try
            {
                analysis.Add(new FinishedCell(
                    Text(cell, "optimizer", path, i),
                    cell["spectrum"]!.GetValue<double>(),
                    cell["size"]!.GetValue<int>(),
                    cell["seed"]!.GetValue<int>(),
                    cell["lr"] is JsonValue lr && lr.TryGetValue<double>(out var rate) ? rate : null,
                    cell["final_loss"]?.GetValue<double>() ?? double.NaN,
                    status == "diverged",
                    (cell[ResultsDocument.MeasurementsKey] as JsonObject ?? [])
                        .Where(m => m.Value is JsonValue)
                        .ToDictionary(m => m.Key, m => m.Value!.GetValue<double>()),
                    Curve(cell[ResultsDocument.CurveKey], path, i),
                    cell["learning_rate"]?.GetValue<double>() ?? double.NaN));
            }
            catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException)
            {
                throw new UsageException($"{path}: cells[{i}]: spectrum, size, seed, final_loss and learning_rate must be numbers");
            }
        }

        return (analysis, statuses);
    }

    /// <summary>A cell's <c>curve</c> (null when absent); a null loss is a non-finite one, as the document writes it.</summary>
    private static LossPoint[]? Curve(JsonNode? node, string path, int index)
    {
        if (node is null)
        {
            return null;
        }

        var field = $"{path}: cells[{index}].{ResultsDocument.CurveKey}";
        if (node is not JsonObject { } curve || curve["steps"] is not JsonArray steps || curve["losses"] is not JsonArray losses)
        {
            throw new UsageException($"{field}: expected {{\"steps\": [...], \"losses\": [...]}}");
        }

        if (steps.Count != losses.Count)
        {
            throw new UsageException($"{field}: {steps.Count} steps but {losses.Count} losses");
        }

        var points = new LossPoint[steps.Count];
        for (var k = 0; k < points.Length; k++)
        {
            if (steps[k] is not JsonValue step || !step.TryGetValue<int>(out var t) || t < 0
                || (losses[k] is not null && (losses[k] is not JsonValue loss || !loss.TryGetValue<double>(out _))))
            {
                throw new UsageException($"{field}[{k}]: a step must be a non-negative integer and a loss a number or null");
            }

            points[k] = new LossPoint(t, losses[k]?.GetValue<double>() ?? double.NaN);
        }

        return points;
    }

    private static string Text(JsonObject cell, string field, string path, int index) =>
        cell[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new UsageException($"{path}: cells[{index}].{field}: missing or not a string");
}
