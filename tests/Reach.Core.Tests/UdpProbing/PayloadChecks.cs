using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>The checks every payload's reader must pass whatever its protocol: cut answers and garbage.</summary>
internal static class PayloadChecks
{
    /// <summary>Every strict prefix of a real answer is read without throwing and never taken for an answer.</summary>
    public static void NoPrefixIsRecognized(IUdpPayload payload, byte[] answer, UdpProbeContext context)
    {
        Assert.True(payload.Read(answer, context).Recognized, "the whole answer must be recognized first");
        for (var length = 0; length < answer.Length; length++)
        {
            var read = payload.Read(answer.AsSpan(0, length), context);
            Assert.False(read.Recognized, $"{length} of {answer.Length} bytes taken for an answer: {read.Summary}");
            Assert.Equal(payload.Protocol, read.Protocol);
            Assert.False(string.IsNullOrEmpty(read.Summary));
        }
    }

    /// <summary>
    /// Random datagrams, and random datagrams that start like the real answer (so they pass the id check and reach the
    /// deeper parsing), never throw and always give a one-line summary.
    /// </summary>
    public static void GarbageNeverThrows(IUdpPayload payload, byte[] answer, UdpProbeContext context)
    {
        var random = new Random(16);
        for (var i = 0; i < 3000; i++)
        {
            var datagram = new byte[random.Next(0, 600)];
            random.NextBytes(datagram);
            if (i % 2 == 1)
            {
                answer.AsSpan(0, Math.Min(answer.Length, Math.Min(datagram.Length, random.Next(1, 40)))).CopyTo(datagram);
            }

            var read = payload.Read(datagram, context);
            Assert.DoesNotContain('\n', read.Summary);
            Assert.DoesNotContain('\r', read.Summary);
        }
    }

    /// <summary>One-byte changes anywhere in a real answer never throw (they may or may not still be an answer).</summary>
    public static void MutationsNeverThrow(IUdpPayload payload, byte[] answer, UdpProbeContext context)
    {
        var copy = answer.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0x3F, 0xC0, 0xFF })
            {
                var saved = copy[i];
                copy[i] = value;
                var read = payload.Read(copy, context);
                Assert.DoesNotContain('\n', read.Summary);
                copy[i] = saved;
            }
        }
    }

    /// <summary>
    /// 2000 random datagrams up to 1500 bytes, each first given a shape by <paramref name="shape"/> (so that it passes
    /// the reader's first checks and reaches the deeper ones, or never carries the probe's id by chance), are read
    /// without throwing and never taken for an answer.
    /// </summary>
    public static void RandomDatagramsAreNotRecognized(IUdpPayload payload, UdpProbeContext context, int seed, Action<byte[]>? shape = null)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 1500)];
            random.NextBytes(garbage);
            shape?.Invoke(garbage);

            Assert.False(payload.Read(garbage, context).Recognized, $"random datagram {i} ({garbage.Length} bytes) taken for an answer");
        }
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
