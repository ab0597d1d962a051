using Orchestrator.Client;

return await CommandLine.InvokeAsync(OrchestratorCli.Create(), args);
