namespace MatrixRtcLab.Topology.Lab;

/// <summary>Where a lab keeps its state: the git-ignored <c>.lab/</c> folder at the repository root.</summary>
public static class LabState
{
    public const string DirectoryName = ".lab";
    private const string RepositoryMarker = "MatrixRtcLab.sln";

    public static string Directory(string repositoryRoot) => Path.Combine(repositoryRoot, DirectoryName);

    /// <summary>The nearest folder at or above <paramref name="start"/> holding the solution file.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No {RepositoryMarker} found at or above {start}. Run from inside the repository or pass --state.");
    }
}
