-- Orchestrator: grain state on SQLite, read by Orleans' ADO.NET grain storage provider.
-- Idempotent: safe to apply on every start.
--
-- One row per grain. The provider passes the grain id split into two 64-bit halves (GUID and integer keys) or a
-- string key, plus hashes of the id and type; the primary key below is the exact identity, so no hash collision can
-- ever mix two grains' states. Version is the optimistic-concurrency ETag.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId       TEXT    NOT NULL,
    GrainTypeString TEXT    NOT NULL,
    GrainIdN0       INTEGER NOT NULL,
    GrainIdN1       INTEGER NOT NULL,
    GrainIdKey      TEXT    NOT NULL,  -- string key or key extension; '' when absent
    GrainIdHash     INTEGER NOT NULL,
    GrainTypeHash   INTEGER NOT NULL,
    PayloadBinary   BLOB    NULL,
    Version         INTEGER NOT NULL,
    ModifiedOn      TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdKey)
) WITHOUT ROWID;

-- Each query returns exactly one row with NewGrainStateVersion: the new version on success, or the caller's own
-- version (NULL for a first write) when the row was changed by someone else, which the provider reports as an
-- ETag conflict. changes() reads the row count of the statement just before it on this connection.

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''')
      AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion;
    SELECT CASE WHEN changes() = 1 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;

    INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdKey, GrainIdHash, GrainTypeHash, PayloadBinary, Version, ModifiedOn)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), @GrainIdHash, @GrainTypeHash,
           @PayloadBinary, 1, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING;
    SELECT CASE WHEN changes() = 1 THEN 1 ELSE NULL END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NULL;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''');
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''')
      AND Version = @GrainStateVersion;
    SELECT CASE WHEN changes() = 1 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion;
');
