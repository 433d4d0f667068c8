using Reach.Monitoring.Http;

namespace Reach.Monitoring.Tests.Http;

/// <summary>The <c>--token</c> check: the scheme in any case (RFC 7235 §2.1), the token exactly.</summary>
public sealed class BearerTokenTests
{
    private readonly BearerToken bearer = new("s3cret");

    [Theory]
    [InlineData("Bearer s3cret")]
    [InlineData("bearer s3cret")]
    [InlineData("BEARER s3cret")]
    [InlineData("bEaReR   s3cret")]
    public void SchemeInAnyCase_IsAccepted(string header) => Assert.True(bearer.Accepts(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearers3cret")]
    [InlineData("Bearer S3CRET")]
    [InlineData("Bearer s3cret2")]
    [InlineData("Basic s3cret")]
    public void AnythingElse_IsRefused(string? header) => Assert.False(bearer.Accepts(header));
}
