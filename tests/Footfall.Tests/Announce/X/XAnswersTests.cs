using System.Net;
using Footfall.Announce.X;

namespace Footfall.Tests.Announce.X;

public sealed class XAnswersTests
{
    [Fact]
    public void A201KeepsThePostsId()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.Created, null, """{"data":{"id":"1860000000000000001","text":"hi"}}""");
        Assert.Equal(XOutcome.Done, result.Outcome);
        Assert.Equal("1860000000000000001", result.Id);
    }

    [Fact]
    public void UsersMeGivesTheHandle()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.OK, null, """{"data":{"id":"1","name":"Our Office","username":"our_office"}}""");
        Assert.Equal("our_office", result.Id);
    }

    [Fact]
    public void A403ForDuplicateContentCountsAsDelivered()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.Forbidden, null,
            """{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""");
        Assert.Equal(XOutcome.Duplicate, result.Outcome);
    }

    [Fact]
    public void AnyOther403IsRejectedWithXsWords()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.Forbidden, null,
            """{"detail":"You are not permitted to perform this action.","title":"Forbidden","status":403}""");
        Assert.Equal(XOutcome.Rejected, result.Outcome);
        Assert.Equal("403 Forbidden: You are not permitted to perform this action.", result.Detail);
    }

    [Fact]
    public void A401SaysTheCredentialsAreWrong()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.Unauthorized, null, """{"title":"Unauthorized","status":401,"detail":"Unauthorized"}""");
        Assert.Equal(XOutcome.Unauthorized, result.Outcome);
        Assert.Contains("credentials", result.Detail);
    }

    [Fact]
    public void A429CarriesTheResetTime()
    {
        XResult result = XAnswers.Classify(HttpStatusCode.TooManyRequests, "1795000000", "{}");
        Assert.Equal(XOutcome.RateLimited, result.Outcome);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795000000), result.ResetAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void A429WithoutAUsableResetHasNone(string? header)
    {
        XResult result = XAnswers.Classify(HttpStatusCode.TooManyRequests, header, "");
        Assert.Equal(XOutcome.RateLimited, result.Outcome);
        Assert.Null(result.ResetAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void ServerErrorsAreTransient(HttpStatusCode status) =>
        Assert.Equal(XOutcome.Transient, XAnswers.Classify(status, null, "<html>oops</html>").Outcome);

    [Fact]
    public void OtherClientErrorsAreRejectedAndTheBodyIsKeptShort()
    {
        string body = """{"errors":[{"message":"Your Tweet text is too long."}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid."}""";
        XResult result = XAnswers.Classify(HttpStatusCode.BadRequest, null, body);
        Assert.Equal(XOutcome.Rejected, result.Outcome);
        Assert.Equal("400 Bad Request: One or more parameters to your request was invalid.", result.Detail);

        XResult huge = XAnswers.Classify(HttpStatusCode.BadRequest, null, new string('x', 10_000));
        Assert.True(huge.Detail.Length < 400, huge.Detail);
    }

    [Fact]
    public void A404IsNotFound() =>
        Assert.Equal(XOutcome.NotFound, XAnswers.Classify(HttpStatusCode.NotFound, null, "{}").Outcome);
}
