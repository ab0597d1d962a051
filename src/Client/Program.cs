using System.CommandLine;
using Orchestrator.Client;
using Orchestrator.Client.Commands;

var root = new RootCommand("orchestrator: distributed sweeps of scaling-law experiments, with fitted exponents")
{
    RunCommand.Create(),
    SubmitCommand.Create(),
    StatusCommand.Create(),
    ResultsCommand.Create(),
    CancelCommand.Create(),
    ValidateCommand.Create(),
};
root.Options.Add(CommonOptions.Database);
root.Options.Add(CommonOptions.Data);
root.Options.Add(CommonOptions.Slots);
root.Options.Add(CommonOptions.MetricsPort);

return await CommandLine.InvokeAsync(root, args);
