namespace MatrixRtc.AuthService.Http;

/// <summary>Ends request processing with <see cref="Error"/> as the answer.</summary>
public sealed class MatrixErrorException(MatrixError error) : Exception(error.Message)
{
    public MatrixError Error { get; } = error;
}
