using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Core.Tests.Text;

public sealed class ListFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("reach-listfile-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TryRead_ParsesEachLine_SkippingCommentsAndBlanks()
    {
        var path = Write("list.txt", "a  # first\n\n# only a comment\r\n  b\n");

        Assert.True(ListFile.TryRead<string>(path, "target", Accept, out var items, out var error, TestContext.Current.CancellationToken), error);
        Assert.Equal(["a", "b"], items);
    }

    [Fact]
    public void TryRead_EmptyFileName_SaysSo()
    {
        Assert.False(ListFile.TryRead<string>(string.Empty, "target", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal("cannot read target file '': the file name is empty", error);
    }

    [Fact]
    public void TryRead_Directory_SaysItIsADirectory()
    {
        Assert.False(ListFile.TryRead<string>(directory, "host", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal($"cannot read host file '{directory}': it is a directory", error);
    }

    [Fact]
    public void TryRead_LongLine_NamesTheFileTheLineAndTheLimit()
    {
        var path = Write("long.txt", "ok\n" + new string('x', ListFile.MaxLineLength + 1) + "\n");

        Assert.False(ListFile.TryRead<string>(path, "target", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal($"{path}:2: the line is longer than 4096 characters, the most a target file line may have", error);
    }

    [Fact]
    public void TryRead_LineOfExactlyTheLimit_IsRead()
    {
        var path = Write("limit.txt", new string('x', ListFile.MaxLineLength) + "\n");

        Assert.True(ListFile.TryRead<string>(path, "target", Accept, out var items, out var error, TestContext.Current.CancellationToken), error);
        Assert.Single(items);
    }

    [Fact]
    public void TryRead_FileOverTheSizeLimit_NamesTheFileTheLineAndTheLimit()
    {
        // Comment lines of 128 bytes: the size limit comes long before the line limit.
        var path = Path.Combine(directory, "big.txt");
        var bytes = new byte[ListFile.MaxFileBytes + 1];
        Array.Fill(bytes, (byte)'#');
        for (var i = 127; i < bytes.Length; i += 128)
        {
            bytes[i] = (byte)'\n';
        }

        File.WriteAllBytes(path, bytes);

        Assert.False(ListFile.TryRead<string>(path, "host", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+: the file goes on past 16 MiB, the most reach reads from a host file$", error);
    }

    [Fact]
    public void TryRead_MoreLinesThanTheLimit_NamesTheFileTheLineAndTheLimit()
    {
        // A million one-letter names (what `yes` writes) fit in 16 MiB but would cost reach about 1 GB once parsed.
        var path = Path.Combine(directory, "many.txt");
        var bytes = new byte[(ListFile.MaxLines + 1) * 2];
        for (var i = 0; i < bytes.Length; i += 2)
        {
            bytes[i] = (byte)'y';
            bytes[i + 1] = (byte)'\n';
        }

        File.WriteAllBytes(path, bytes);

        Assert.False(ListFile.TryRead<string>(path, "target", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal($"{path}:1048577: the file has more than 1,048,576 lines, the most reach reads from a target file", error);
    }

    [Fact]
    public void TryRead_DevZero_IsALineTooLong_NotUnboundedMemory()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        Assert.False(ListFile.TryRead<string>("/dev/zero", "host", Accept, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal("/dev/zero:1: the line is longer than 4096 characters, the most a host file line may have", error);
    }

    [Fact]
    public void TryRead_ControlCharactersInALine_AreEscapedInTheError()
    {
        var path = Write("hostile.txt", "good\nbad\0\u001b[2J\n");

        Assert.False(ListFile.TryRead<string>(path, "target", Reject, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Equal($@"{path}:2: cannot use 'bad\x00\x1b[2J'", error);
    }

    [Fact]
    public void TryRead_CancelledToken_Throws()
    {
        var path = Write("list.txt", "a\n");

        Assert.Throws<OperationCanceledException>(() => ListFile.TryRead<string>(path, "target", Accept, out _, out _, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void TryReadLines_KeepsTheLimits()
    {
        var path = Write("long.txt", new string('x', ListFile.MaxLineLength + 1));

        Assert.False(ListFile.TryReadLines(path, "targets", out _, out var error));
        Assert.Contains(":1: the line is longer than 4096 characters", error, StringComparison.Ordinal);
    }

    private static bool Accept(string line, [NotNullWhen(true)] out string? item, [NotNullWhen(false)] out string? error)
    {
        item = line;
        error = null;
        return true;
    }

    /// <summary>Accepts "good", refuses anything else, quoting it as the parsers do.</summary>
    private static bool Reject(string line, [NotNullWhen(true)] out string? item, [NotNullWhen(false)] out string? error)
    {
        var good = line == "good";
        item = good ? line : null;
        error = good ? null : $"cannot use {Printable.Quote(line)}";
        return good;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
