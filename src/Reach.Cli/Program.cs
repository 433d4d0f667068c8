using Reach.Cli;
using Reach.Cli.Infrastructure;

// Before anything else starts (console, signal handlers, threads): the full image replaces this process.
if (FullImage.Owns(args))
{
    return FullImage.Exec(args, Console.Error);
}

FullImage.AdoptTheLauncher();
return await ReachApp.RunAsync(args, CliConsole.FromSystem()).ConfigureAwait(false);
