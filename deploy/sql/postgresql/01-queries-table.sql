-- Orchestrator on PostgreSQL: the table of named queries that Orleans' ADO.NET providers (grain storage, clustering,
-- reminders) read at start. The providers ship no SQL; each later script stores the queries for its provider here.
-- Idempotent: every script may be applied on every start (the silo does so under an advisory lock).
--
-- Identifiers are unquoted, so PostgreSQL folds them to lower case; the providers look result columns up by name
-- case-insensitively, and the parameters (@Name) are bound by the Npgsql driver.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
