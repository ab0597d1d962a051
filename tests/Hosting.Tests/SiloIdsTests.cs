using Microsoft.Extensions.Configuration;

namespace Orchestrator.Hosting.Tests;

/// <summary>
/// A silo on an SQLite data folder, standalone or the CLI's embedded one, runs under one pair of ids, so that the
/// sweeps stored in the folder belong to whichever of them opens it; a cluster keeps the ids of its settings.
/// </summary>
public sealed class SiloIdsTests
{
    private static SiloSettings Load(params string[] args)
    {
        var configuration = new ConfigurationBuilder();
        SiloSettingsLoader.AddSources(configuration, args);
        return SiloSettingsLoader.Load(configuration.Build());
    }

    [Fact]
    public void A_standalone_silo_without_a_database_runs_under_the_embedded_silos_ids()
    {
        var settings = Load("--data", "somewhere");

        Assert.Equal((EmbeddedSilo.ServiceId, EmbeddedSilo.ClusterId), (settings.ServiceId, settings.ClusterId));
    }

    [Fact]
    public void Ids_given_explicitly_win_on_an_sqlite_folder_each_on_its_own()
    {
        Assert.Equal(("mine", EmbeddedSilo.ClusterId), (Load("--service-id", "mine").ServiceId, Load("--service-id", "mine").ClusterId));
        Assert.Equal((EmbeddedSilo.ServiceId, "ours"), (Load("--cluster-id", "ours").ServiceId, Load("--cluster-id", "ours").ClusterId));
    }

    [Fact]
    public void A_silo_on_a_database_keeps_the_cluster_ids()
    {
        var settings = Load("--db", "Host=db.example;Database=orchestrator");

        Assert.Equal(("orchestrator", "orchestrator"), (settings.ServiceId, settings.ClusterId));
    }
}
