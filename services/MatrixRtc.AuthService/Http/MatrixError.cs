namespace MatrixRtc.AuthService.Http;

/// <summary>A Matrix error answer: HTTP status, errcode and message (the service's error catalogue).</summary>
public sealed record MatrixError(int Status, string Errcode, string Message)
{
    public static readonly MatrixError NotJson = new(400, "M_NOT_JSON", "Error reading request");
    public static readonly MatrixError TooLarge = new(413, "M_TOO_LARGE", "Request body too large");
    public static readonly MatrixError Unauthorized = new(401, "M_UNAUTHORIZED", "The request could not be authorised.");
    public static readonly MatrixError DelegationNotAllowed = new(400, "M_BAD_JSON", "Delegation of delayed events is only supported for full access users");
    public static readonly MatrixError DelegationForbidden = new(403, "M_FORBIDDEN", "Delegation of delayed events is only supported for full access users");
    public static readonly MatrixError ClientServerApiUnresolvable = new(400, "M_BAD_JSON", "Unable to resolve client-server API");
    public static readonly MatrixError TokenMintingFailed = new(500, "M_UNKNOWN", "Internal Server Error");
    public static readonly MatrixError RoomCreationFailed = new(500, "M_UNKNOWN", "Unable to create room on SFU");
    public static readonly MatrixError ShuttingDown = new(503, "M_UNKNOWN", "Service is shutting down");

    public static MatrixError BadJson(string message) => new(400, "M_BAD_JSON", message);
}
