using System.CommandLine;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator validate SPEC</c>: checks a spec without storing anything.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep spec (YAML)" };
        var command = new Command("validate", "Check a sweep spec and show the grid it expands to; stores nothing")
        {
            spec,
        };
        command.SetAction(parse =>
        {
            var loaded = SpecFiles.Load(parse, parse.GetRequiredValue(spec));
            Console.WriteLine($"{loaded.Name}: valid {loaded.Experiment} sweep of {loaded.CellCount} cells " +
                $"({loaded.Optimizers.Count} optimizers × {loaded.Spectra.Count} spectra × {loaded.Sizes.Count} sizes × {loaded.Seeds.Count} seeds" +
                (loaded.CellCount != loaded.Optimizers.Count * loaded.Spectra.Count * loaded.Sizes.Count * loaded.Seeds.Count ? " × other axes" : "") + ")");
            Console.WriteLine($"fingerprint {loaded.Fingerprint}");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator validate examples/quickstart.yaml");
    }
}
