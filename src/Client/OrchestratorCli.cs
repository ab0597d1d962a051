using System.CommandLine;
using Orchestrator.Client.Commands;

namespace Orchestrator.Client;

/// <summary>The <c>orchestrator</c> command line: its verbs and the options they share.</summary>
public static class OrchestratorCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("orchestrator: distributed sweeps of scaling-law experiments, with fitted exponents")
        {
            RunCommand.Create(),
            SubmitCommand.Create(),
            GrowCommand.Create(),
            ServeCommand.Create(),
            StatusCommand.Create(),
            DecisionsCommand.Create(),
            ResultsCommand.Create(),
            CancelCommand.Create(),
            ValidateCommand.Create(),
            FitCommand.Create(),
            ListCommand.Create(),
            PlotCommand.Create(),
            DbCommand.Create(),
        };
        root.Options.Add(CommonOptions.Database);
        root.Options.Add(CommonOptions.Data);
        root.Options.Add(CommonOptions.Slots);
        root.Options.Add(CommonOptions.MetricsPort);
        root.Options.Add(CommonOptions.Runners);
        root.Options.Add(CommonOptions.AllowFaultInjection);
        root.Options.Add(SpecFiles.MaxCellMemory);
        root.WithExamples(
            "orchestrator run examples/quickstart.yaml --out out",
            "orchestrator plot --from out/results.json --out loss-vs-size.png",
            "orchestrator list");
        CommandExamples.ShowInHelp(root);
        return root;
    }
}
