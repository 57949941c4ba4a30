using MatrixRtcLab.Topology.LocalProcesses;

namespace MatrixRtcLab.AppHost.Resources;

/// <summary>Writes a local process's folders and generated files, each file with its mode from the start.</summary>
public static class LocalProcessFiles
{
    public static void Write(LocalProcessSpec spec)
    {
        foreach (var directory in spec.Directories.Append(spec.WorkingDirectory))
        {
            Directory.CreateDirectory(directory);
        }

        foreach (var file in spec.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
            var temp = file.Path + ".tmp";
            File.Delete(temp);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = file.Mode;
            }

            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(file.Contents);
            }

            File.Move(temp, file.Path, overwrite: true);
        }
    }
}
