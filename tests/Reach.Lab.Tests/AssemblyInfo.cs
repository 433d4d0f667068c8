using Reach.Lab.Tests.Lab;
using Xunit.Sdk;
using Xunit.v3;

// One lab for every test of this assembly.
[assembly: AssemblyFixture(typeof(LabFixture))]

// Lab tests measure wall time (timeouts, concurrency): run them one at a time so they do not slow each other.
[assembly: Parallelization(Mode = ParallelMode.None)]
