using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>A shell script standing in for a command line tool (the Docker CLI), written into a test's folder.</summary>
internal static class FakeCommand
{
    public static string Write(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip($"The fake {name} is a shell script.");
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }

        return path;
    }
}
