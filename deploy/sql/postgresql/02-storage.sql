-- Orchestrator: grain state, read and written by Orleans' ADO.NET grain storage provider.
--
-- One row per grain. The provider passes the grain id split into two 64-bit halves (GUID and integer keys) and a
-- string key or key extension, plus hashes of the id and type; the primary key below is the exact identity, so no
-- hash collision can ever mix two grains' states (the hashes are kept only for diagnostics). Version is the
-- optimistic-concurrency ETag: 1 on the first write, +1 on every write, clear or delete.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId       text        NOT NULL,
    GrainTypeString text        NOT NULL,
    GrainIdN0       bigint      NOT NULL,
    GrainIdN1       bigint      NOT NULL,
    GrainIdKey      text        NOT NULL,  -- string key or key extension; '' when absent
    GrainIdHash     integer     NOT NULL,
    GrainTypeHash   integer     NOT NULL,
    PayloadBinary   bytea       NULL,      -- NULL after a clear: the grain then reads its default state
    Version         integer     NOT NULL,
    ModifiedOn      timestamptz NOT NULL,
    CONSTRAINT PK_OrleansStorage PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdKey)
);

-- Every write-like query returns exactly one row, NewGrainStateVersion: the new version on success, or the caller's
-- own version (NULL for a first write) when the row was changed by someone else. The provider reports an equal (or
-- empty) answer as an InconsistentStateException. Each is one statement, so it is atomic without an explicit
-- transaction: under READ COMMITTED a concurrent writer of the same row waits for the row lock and then re-checks
-- "Version = @GrainStateVersion" against the committed row, so of two writers holding the same ETag exactly one wins.
-- Two first writes race on the primary key; ON CONFLICT DO NOTHING makes the loser return NULL.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    WITH updated AS
    (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''')
          AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
        RETURNING Version
    ),
    inserted AS
    (
        INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdKey, GrainIdHash, GrainTypeHash, PayloadBinary, Version, ModifiedOn)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT ON CONSTRAINT PK_OrleansStorage DO NOTHING
        RETURNING Version
    )
    SELECT COALESCE((SELECT Version FROM updated), (SELECT Version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''');
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clear keeps the row (and so the version sequence) but drops the payload.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    WITH cleared AS
    (
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''')
          AND Version = @GrainStateVersion
        RETURNING Version
    )
    SELECT COALESCE((SELECT Version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Delete (AdoNetGrainStorageOptions.DeleteStateOnClear) removes the row; the answer only has to differ from the
-- caller's version on success, the provider then forgets the ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    WITH deleted AS
    (
        DELETE FROM OrleansStorage
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdKey = COALESCE(@GrainIdExtensionString, '''')
          AND Version = @GrainStateVersion
        RETURNING Version
    )
    SELECT COALESCE((SELECT Version + 1 FROM deleted), @GrainStateVersion) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
