using Orleans.Configuration;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>
/// Membership timings for tests. Orleans' defaults suit production (a dead silo is declared dead after tens of
/// seconds, the table is re-read every minute); here silos come and go within seconds.
/// </summary>
/// <remarks>
/// How fast an unannounced dead silo is detected: its monitors probe it every <see cref="ClusterMembershipOptions.ProbeTimeout"/>
/// and suspect it after <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> missed probes, so roughly
/// ProbeTimeout × NumMissedProbesLimit; it is declared dead once <see cref="ClusterMembershipOptions.NumVotesForDeathDeclaration"/>
/// unexpired votes (younger than <see cref="ClusterMembershipOptions.DeathVoteExpirationTimeout"/>) are in the table,
/// and the other silos learn it by gossip or at the latest after <see cref="ClusterMembershipOptions.TableRefreshTimeout"/>.
/// A silo that stops gracefully announces itself (ShuttingDown, then Dead), so none of this delays a clean stop.
/// <see cref="ClusterMembershipOptions.IAmAliveTablePublishTimeout"/> is the heartbeat written to the table; entries
/// silent for longer than NumMissedTableIAmAliveLimit × that are treated as stale by joining silos.
/// <see cref="ClusterMembershipOptions.DefunctSiloExpiration"/> and <see cref="ClusterMembershipOptions.DefunctSiloCleanupPeriod"/>
/// only govern when dead rows are deleted from the table.
/// </remarks>
public static class TestMembership
{
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        options.DefunctSiloExpiration = TimeSpan.FromMinutes(1);
        options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(1);
    }
}
