using Reach.Monitoring.Tests.TestSupport;

// One private PostgreSQL server for the assembly, started only when a test asks for a database.
[assembly: AssemblyFixture(typeof(PostgresServer))]
