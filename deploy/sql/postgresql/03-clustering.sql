-- Orchestrator: cluster membership, read and written by Orleans' ADO.NET clustering provider (silos and clients).
--
-- OrleansMembershipVersion holds one row per cluster (DeploymentId = ClusterOptions.ClusterId) with the table
-- version, the ETag of the whole membership table: every insert or update of a member must name the version it read
-- and bumps it, so two silos acting on the same snapshot cannot both win. IAmAlive heartbeats do not bump it.
-- Times are timestamptz: the provider binds UTC DateTime values, which Npgsql sends as timestamptz, and reads them
-- back as UTC, independent of the server's TimeZone setting.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersion
(
    DeploymentId text        NOT NULL,
    Version      integer     NOT NULL,
    ModifiedOn   timestamptz NOT NULL,
    CONSTRAINT PK_OrleansMembershipVersion PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembership
(
    DeploymentId text        NOT NULL,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,  -- Orleans.Runtime.SiloStatus: 3 Active, 5 ShuttingDown, 6 Dead, ...
    ProxyPort    integer     NULL,      -- gateway port; 0 when the silo is no gateway
    SuspectTimes text        NULL,      -- "silo,time|silo,time" votes of other silos that this one is dead
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    CONSTRAINT PK_OrleansMembership PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembership_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersion (DeploymentId) ON DELETE CASCADE
);

-- Returns true when this call created the cluster's version row (a silo calls it on every start).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
    WITH inserted AS
    (
        INSERT INTO OrleansMembershipVersion (DeploymentId, Version, ModifiedOn)
        VALUES (@DeploymentId, 0, now())
        ON CONFLICT ON CONSTRAINT PK_OrleansMembershipVersion DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM inserted);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- The two reads return the version row joined with the member rows, so that an empty cluster still yields one row
-- carrying the table version (with NULL member columns): the provider takes the version from the first row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
    SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
    FROM OrleansMembershipVersion v
    LEFT JOIN OrleansMembership m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
    SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
    FROM OrleansMembershipVersion v
    LEFT JOIN OrleansMembership m ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Insert and update succeed (return true) only when the table version still equals @Version. The version row is
-- locked first (FOR UPDATE): a concurrent writer waits, and then sees the version it bumped, so it fails cleanly.
-- The version is bumped only when the member row was really written.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
    WITH expected AS
    (
        SELECT DeploymentId FROM OrleansMembershipVersion
        WHERE DeploymentId = @DeploymentId AND Version = @Version
        FOR UPDATE
    ),
    inserted AS
    (
        INSERT INTO OrleansMembership (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
                                       SuspectTimes, StartTime, IAmAliveTime)
        SELECT e.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
               NULL, @StartTime, @IAmAliveTime
        FROM expected e
        ON CONFLICT ON CONSTRAINT PK_OrleansMembership DO NOTHING
        RETURNING DeploymentId
    ),
    bumped AS
    (
        UPDATE OrleansMembershipVersion v
        SET Version = v.Version + 1, ModifiedOn = now()
        FROM inserted i
        WHERE v.DeploymentId = i.DeploymentId
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM bumped);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
    WITH expected AS
    (
        SELECT DeploymentId FROM OrleansMembershipVersion
        WHERE DeploymentId = @DeploymentId AND Version = @Version
        FOR UPDATE
    ),
    updated AS
    (
        UPDATE OrleansMembership m
        SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
        FROM expected e
        WHERE m.DeploymentId = e.DeploymentId
          AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
        RETURNING m.DeploymentId
    ),
    bumped AS
    (
        UPDATE OrleansMembershipVersion v
        SET Version = v.Version + 1, ModifiedOn = now()
        FROM updated u
        WHERE v.DeploymentId = u.DeploymentId
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM bumped);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembership
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clients find gateways here: active silos with a gateway port.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembership
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Drops a whole cluster (member rows go with the version row).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipVersion WHERE DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Removal of dead silos' rows (ClusterMembershipOptions.DefunctSiloExpiration). The provider decides in .NET which
-- rows are old enough and deletes each with CleanupDefunctSiloEntryKey, only if the row is still exactly as it read
-- it; CleanupDefunctSiloEntriesKey (dead and silent since @IAmAliveTime) is the bulk form it falls back to.
-- Neither bumps the table version: dead rows take no part in membership decisions.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembership
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
      AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembership
    WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
