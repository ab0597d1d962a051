using Xunit.Sdk;
using Xunit.v3;

// Each test class starts its own PostgreSQL server and Orleans silos; run them one after another so that silos'
// liveness probes never compete for the CI machine's two cores (a starved probe looks like a dead silo).
[assembly: Parallelization(Mode = ParallelMode.None)]
