using System.Net;
using System.Text.Json;

namespace MatrixRtc.AuthService.IntegrationTests.Support;

/// <summary>Reads the service's answers.</summary>
public static class TokenResponse
{
    /// <returns>The <c>url</c> and <c>jwt</c> of a 200 answer; fails the test with the body otherwise.</returns>
    public static async Task<(string Url, string Jwt)> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"expected 200 from the service, got {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("url").GetString()!, json.RootElement.GetProperty("jwt").GetString()!);
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errcode)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != status)
        {
            Assert.Fail($"expected {(int)status} from the service, got {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        Assert.Equal(errcode, json.RootElement.GetProperty("errcode").GetString());
    }
}
