namespace Reach.Monitoring.Hosting;

/// <summary>Where this OS keeps a service's data: reach watch's store unless <c>--data</c> says otherwise. One implementation per OS.</summary>
internal interface IDataDirectory
{
    /// <summary>The folder, from this process's user and environment as they are now.</summary>
    string Default();
}
