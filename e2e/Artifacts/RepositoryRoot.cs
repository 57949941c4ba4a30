namespace MatrixRtcLab.E2E.Artifacts;

/// <summary>The checkout the tests run from: the nearest folder upwards that holds MatrixRtcLab.sln.</summary>
public static class RepositoryRoot
{
    public static string Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MatrixRtcLab.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No MatrixRtcLab.sln in {startDirectory} or any folder above it.");
    }

    public static string FromTestAssembly() => Find(AppContext.BaseDirectory);
}
