using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;
using MatrixRtc.AuthService.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtc.AuthService.Http;

/// <summary>
/// lk-jwt-service's routes with its exact matching (case-sensitive, no trailing slash), CORS and
/// method rules. Anything else falls through to the rest of the pipeline (/health, /alive) and
/// ends in Go's plain-text 404.
/// </summary>
public static partial class AuthServiceEndpoints
{
    public const string GetToken = "/get_token";
    public const string SfuGet = "/sfu/get";
    public const string DelegateDelayedLeave = "/delegate_delayed_leave";
    public const string SfuWebhook = "/sfu_webhook";
    public const string Healthz = "/healthz";

    /// <summary>LiveKit webhooks are small; anything larger is dropped unread.</summary>
    public const int MaxWebhookBytes = 1024 * 1024;

    private static readonly byte[] NotFoundBody = "404 page not found\n"u8.ToArray();
    private static readonly byte[] EmptyObjectJson = "{}"u8.ToArray();

    public static WebApplication UseAuthServiceEndpoints(this WebApplication app)
    {
        // Every service these routes use is a singleton: taken from the root, no per-request scope.
        var services = app.Services;
        app.Use(async (context, next) =>
        {
            var task = context.Request.Path.Value switch
            {
                GetToken => JsonEndpointAsync(context, services, AuthServiceJsonContext.Default.GetTokenRequest,
                    (tokens, request, caller, ct) => tokens.GetTokenAsync(request, caller, ct)),
                SfuGet => JsonEndpointAsync(context, services, AuthServiceJsonContext.Default.SfuGetRequest,
                    (tokens, request, caller, ct) => tokens.SfuGetAsync(request, caller, ct)),
                DelegateDelayedLeave => JsonEndpointAsync<GetTokenRequest, EmptyObject>(context, services, AuthServiceJsonContext.Default.GetTokenRequest,
                    async (tokens, request, _, ct) =>
                    {
                        await tokens.DelegateDelayedLeaveAsync(request, ct);
                        return EmptyObject.Instance;
                    }),
                SfuWebhook => WebhookAsync(context, services),
                Healthz => HealthzAsync(context),
                _ => null,
            };
            await (task ?? next(context));
        });
        return app;
    }

    /// <summary>The final 404, as Go's ServeMux writes it.</summary>
    public static WebApplication UseGoStyleNotFound(this WebApplication app)
    {
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.Body.WriteAsync(NotFoundBody);
        });
        return app;
    }

    private static async Task JsonEndpointAsync<TRequest, TResponse>(
        HttpContext context,
        IServiceProvider services,
        JsonTypeInfo<TRequest> requestType,
        Func<TokenService, TRequest, CallerInfo, CancellationToken, Task<TResponse>> handle)
        where TRequest : class, new()
    {
        var headers = context.Response.Headers;
        headers.ContentType = "application/json";
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "POST";
        headers.AccessControlAllowHeaders = "Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token";

        var method = context.Request.Method;
        if (HttpMethods.IsOptions(method))
        {
            return;
        }

        if (!HttpMethods.IsPost(method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var metrics = services.GetRequiredService<AuthServiceMetrics>();
        var endpoint = context.Request.Path.Value!;
        try
        {
            var request = await JsonBody.ReadAsync(context.Request, requestType, context.RequestAborted);
            var caller = new CallerInfo(context.Connection.RemoteIpAddress, context.Request.Headers.Origin.ToString());
            var response = await handle(services.GetRequiredService<TokenService>(), request, caller, context.RequestAborted);
            metrics.TokenRequest(endpoint, "ok");
            await WriteJsonAsync(context, StatusCodes.Status200OK, response);
        }
        catch (MatrixErrorException e)
        {
            metrics.TokenRequest(endpoint, e.Error.Errcode);
            await WriteErrorAsync(context, e.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            metrics.TokenRequest(endpoint, "M_UNKNOWN");
            LogUnexpected(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthServiceEndpoints)), endpoint, e);
            await WriteErrorAsync(context, new MatrixError(500, "M_UNKNOWN", "Internal Server Error"));
        }
    }

    private static Task WriteErrorAsync(HttpContext context, MatrixError error) =>
        WriteJsonAsync(context, error.Status, new Dictionary<string, string> { ["errcode"] = error.Errcode, ["error"] = error.Message });

    /// <summary>The JSON and a newline, as Go's json.Encoder writes them, in one flush with a Content-Length.</summary>
    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T body)
    {
        var json = body switch
        {
            TokenResponse token => JsonSerializer.SerializeToUtf8Bytes(token, AuthServiceJsonContext.Default.TokenResponse),
            EmptyObject => EmptyObjectJson,
            Dictionary<string, string> error => JsonSerializer.SerializeToUtf8Bytes(error, ErrorJsonContext.Default.DictionaryStringString),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        context.Response.StatusCode = status;
        context.Response.ContentLength = json.Length + 1;
        var writer = context.Response.BodyWriter;
        writer.Write(json);
        writer.Write("\n"u8);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Always 200 and empty: a forged or irrelevant webhook is logged and dropped.</summary>
    private static async Task WebhookAsync(HttpContext context, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthServiceEndpoints));
        // Our own bound below drops oversized bodies with a 200; Kestrel's limit would answer 413.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        try
        {
            var body = await JsonBody.ReadBoundedAsync(context.Request.BodyReader, MaxWebhookBytes, bytes => bytes.ToArray(), context.RequestAborted);
            if (body is null)
            {
                LogWebhookDropped(logger, "body too large");
                return;
            }

            services.GetRequiredService<WebhookVerifier>().Verify(context.Request.Headers.Authorization.ToString(), body);
            var webhook = WebhookEvent.Parse(body);
            if (webhook.ToParticipantEvent() is { } participantEvent)
            {
                services.GetRequiredService<ILeaveJobRegistry>().OnParticipantEvent(webhook.RoomName!, webhook.ParticipantIdentity!, participantEvent);
            }

            LogWebhook(logger, webhook.Event, webhook.RoomName, webhook.ParticipantIdentity);
        }
        catch (Exception e) when (e is JwtRejectedException or JsonException or BadHttpRequestException or IOException)
        {
            LogWebhookDropped(logger, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // The webhook always answers an empty 200; anything unexpected is ours to log.
            LogWebhookFailed(logger, e);
        }
    }

    private static Task HealthzAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }

        return Task.CompletedTask;
    }

    private sealed record EmptyObject
    {
        public static readonly EmptyObject Instance = new();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Endpoint}")]
    private static partial void LogUnexpected(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a webhook: {Reason}")]
    private static partial void LogWebhookDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling a webhook")]
    private static partial void LogWebhookFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Event}: LiveKitRoom={Room} LiveKitIdentity={Identity}")]
    private static partial void LogWebhook(ILogger logger, string @event, string? room, string? identity);
}
