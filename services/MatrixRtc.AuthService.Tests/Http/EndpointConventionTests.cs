using System.Net;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>Endpoint conventions: routing, CORS, methods, decoding, health.</summary>
public sealed class EndpointConventionTests : ServiceFixture
{
    public static TheoryData<string> JsonEndpoints => ["/get_token", "/sfu/get", "/delegate_delayed_leave"];

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Options_is_an_empty_200_with_cors_headers(string path)
    {
        using var response = await Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        AssertCors(response);
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Other_methods_are_an_empty_405_with_cors_and_no_upstream_call(string path)
    {
        foreach (var method in new[] { "GET", "HEAD", "PUT", "DELETE", "PATCH" })
        {
            using var response = await Service.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            AssertCors(response);
            Assert.Empty(response.Content.Headers.Allow);
        }

        Assert.Empty(Homeserver.Requests);
        Assert.Empty(Sfu.Calls);
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Errors_carry_cors_headers_too(string path)
    {
        using var response = await Service.PostAsync(path, "{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertCors(response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("{\"room_id\": 5}")]
    [InlineData("{\"room_id\": \"!r:x\", \"delayed_event_id\": \"old\"}")]
    [InlineData("{\"member\": {\"id\": \"m\", \"extra\": 1}}")]
    [InlineData("{\"openid_token\": {\"access_token\": \"t\", \"surprise\": true}}")]
    [InlineData("{\"delay_timeout\": 1.5}")]
    [InlineData("{\"delay_timeout\": \"1000\"}")]
    [InlineData("{\"delay_timeout\": 99999999999999999999}")]
    [InlineData("{\"member\": \"alice\"}")]
    [InlineData("{\"openid_token\": []}")]
    [InlineData("{\"room_id\": \"unterminated")]
    public async Task Undecodable_bodies_are_m_not_json_without_upstream_calls(string body)
    {
        foreach (var path in new[] { "/get_token", "/delegate_delayed_leave" })
        {
            using var response = await Service.PostAsync(path, body);
            await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_NOT_JSON", "Error reading request");
        }

        Assert.Empty(Homeserver.Requests);
    }

    [Fact]
    public async Task Legacy_body_with_unknown_field_is_m_not_json()
    {
        using var response = await Service.PostAsync("/sfu/get", "{\"room\":\"!r:x\",\"slot_id\":\"s\"}");
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_NOT_JSON");
    }

    [Fact]
    public async Task Field_names_match_case_insensitively_like_go()
    {
        var body = ValidGetToken().Replace("\"room_id\"", "\"ROOM_ID\"", StringComparison.Ordinal).Replace("\"claimed_user_id\"", "\"Claimed_User_Id\"", StringComparison.Ordinal);
        using var response = await Service.PostAsync("/get_token", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Content_after_the_first_json_value_is_ignored_like_go()
    {
        using var response = await Service.PostAsync("/get_token", ValidGetToken() + " trailing garbage {");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Top_level_null_is_an_empty_request()
    {
        using var response = await Service.PostAsync("/get_token", "null");
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "The request body is missing `room_id` or `slot_id`");
    }

    [Fact]
    public async Task Null_fields_are_accepted_as_empty()
    {
        using var response = await Service.PostAsync("/get_token", "{\"room_id\":null,\"slot_id\":\"s\",\"openid_token\":null,\"member\":null,\"delay_timeout\":null}");
        await AssertMatrixErrorAsync(response, HttpStatusCode.BadRequest, "M_BAD_JSON", "The request body is missing `room_id` or `slot_id`");
    }

    [Fact]
    public async Task Content_type_is_not_checked()
    {
        using var response = await Service.Http.PostAsync("/get_token", new StringContent(ValidGetToken(), System.Text.Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_is_413_m_too_large()
    {
        using var response = await Service.PostAsync("/get_token", "{\"room_id\":\"" + new string('a', 70_000) + "\"}");
        await AssertMatrixErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "M_TOO_LARGE");
        Assert.Empty(Homeserver.Requests);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_413_m_too_large()
    {
        var body = "{\"room_id\":\"" + new string('a', 70_000) + "\"}";
        using var response = await Service.Http.PostAsync("/get_token", new PiecewiseContent(body, pieces: 8), TestContext.Current.CancellationToken);
        await AssertMatrixErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "M_TOO_LARGE");
        Assert.Empty(Homeserver.Requests);
    }

    [Fact]
    public async Task Chunked_body_arriving_in_pieces_is_read_whole()
    {
        using var response = await Service.Http.PostAsync("/get_token", new PiecewiseContent(ValidGetToken(), pieces: 5), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Answers_carry_a_content_length_and_end_in_a_newline_like_go()
    {
        foreach (var (body, status) in new[] { (ValidGetToken(), HttpStatusCode.OK), ("{}", HttpStatusCode.BadRequest) })
        {
            using var response = await Service.PostAsync("/get_token", body);
            var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.Equal(status, response.StatusCode);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
        }
    }

    [Theory]
    [InlineData("/get_token/")]
    [InlineData("/GET_TOKEN")]
    [InlineData("/sfu/get/")]
    [InlineData("/healthz/")]
    [InlineData("/")]
    [InlineData("/nope")]
    public async Task Other_paths_are_go_style_404(string path)
    {
        using var response = await Service.PostAsync(path, ValidGetToken());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Homeserver.Requests);
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.OK)]
    [InlineData("HEAD", HttpStatusCode.OK)]
    [InlineData("POST", HttpStatusCode.MethodNotAllowed)]
    [InlineData("OPTIONS", HttpStatusCode.MethodNotAllowed)]
    public async Task Healthz(string method, HttpStatusCode expected)
    {
        using var response = await Service.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/healthz"), TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Aspire_health_endpoints_answer(string path)
    {
        using var response = await Service.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthcheck_mode_exits_0_against_a_healthy_service_and_1_otherwise()
    {
        var port = Service.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var output = new StringWriter();
        Assert.Equal(0, await Healthcheck.RunAsync(v => v == "LIVEKIT_JWT_BIND" ? $"127.0.0.1:{port}" : null, output, TestContext.Current.CancellationToken));
        Assert.Equal(0, await Healthcheck.RunAsync(v => v == "LIVEKIT_JWT_PORT" ? port : null, output, TestContext.Current.CancellationToken));
        Assert.Equal(1, await Healthcheck.RunAsync(v => v == "LIVEKIT_JWT_BIND" ? "127.0.0.1:1" : null, output, TestContext.Current.CancellationToken));
        Assert.StartsWith("Connection error:", output.ToString(), StringComparison.Ordinal);
    }

    private static void AssertCors(HttpResponseMessage response)
    {
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Access-Control-Max-Age"));
    }
}
