namespace MatrixRtc.Doctor.Cli;

public static class ExitCodes
{
    /// <summary>Nothing failed.</summary>
    public const int Ok = 0;

    /// <summary>A check failed, or a repair could not be made.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, bad option combination, or a refused access token.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
