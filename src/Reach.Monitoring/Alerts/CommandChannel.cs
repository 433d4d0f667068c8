using System.Diagnostics;
using System.Globalization;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Alerts;

/// <summary>
/// Runs a program per alert with the event in REACH_* environment variables (never on its command line, where
/// another user could read it and where quoting would bite). A non-zero exit or a timeout is a failed delivery.
/// </summary>
internal sealed class CommandChannel(CommandChannelConfig config) : IAlertChannel
{
    public string Key => config.Key;

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var info = new ProcessStartInfo(config.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in config.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(alert))
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AlertDeliveryException($"{config.Path}: could not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new AlertDeliveryException($"{config.Path}: {ex.Message}", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(config.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new AlertDeliveryException($"{config.Path}: still running after {ConfigDuration.Format(config.Timeout)}, killed");
            }

            await Task.WhenAll(output, error).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var firstLine = (await error.ConfigureAwait(false)).Split('\n', 2)[0].Trim();
                throw new AlertDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{config.Path} exited with {process.ExitCode}{(firstLine.Length > 0 ? ": " + firstLine : string.Empty)}"));
            }
        }
    }

    /// <summary>The variables a command receives (documented in docs/watch.md).</summary>
    public static IReadOnlyList<(string Name, string Value)> Environment(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var variables = new List<(string, string)>
        {
            ("REACH_ALERT_ID", alert.Id.ToString(CultureInfo.InvariantCulture)),
            ("REACH_EVENT", alert.Event.ToWord()),
            ("REACH_STATUS", alert.Status.ToWord()),
            ("REACH_CHECK", alert.Check),
            ("REACH_HOST", alert.Host),
            ("REACH_PORT", alert.Port.ToString(CultureInfo.InvariantCulture)),
            ("REACH_TARGET", alert.Target),
            ("REACH_INCIDENT_ID", alert.IncidentId.ToString(CultureInfo.InvariantCulture)),
            ("REACH_SINCE", alert.Since.ToString("O", CultureInfo.InvariantCulture)),
            ("REACH_ENDED", alert.Ended?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty),
            ("REACH_DURATION_SECONDS", alert.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            ("REACH_REASON", alert.Reason),
            ("REACH_LAST_ERROR", alert.LastError ?? string.Empty),
            ("REACH_MESSAGE", alert.Message),
            ("REACH_TIME", alert.Time.ToString("O", CultureInfo.InvariantCulture)),
        };
        variables.AddRange(alert.Labels.Select(l => ("REACH_LABEL_" + l.Key.ToUpperInvariant(), l.Value)));
        return variables;
    }
}
