using Reach.Pinging;

namespace Reach.Cli.Rendering.Ping;

/// <summary>Where <c>reach ping</c> writes: each probe as it completes, then the summary.</summary>
internal interface IPingOutput : IPingObserver
{
    void Finish(PingRun run);
}
