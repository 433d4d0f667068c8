using Reach.Cli;
using Reach.Cli.Infrastructure;

// Before anything else starts (console, signal handlers, threads): the monitor's image replaces this process.
if (MonitorImage.Owns(args))
{
    return MonitorImage.Exec(args, Console.Error);
}

MonitorImage.AdoptTheLauncher();
return await ReachApp.RunAsync(args, CliConsole.FromSystem()).ConfigureAwait(false);
