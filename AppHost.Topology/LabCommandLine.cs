using System.CommandLine;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;

namespace MatrixRtcLab.Topology;

/// <summary><c>render --out DIR [--state DIR]</c>: every generated file of the lab, without Docker.</summary>
public static class LabCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var outOption = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write the rendered lab into (created if missing).",
            Required = true,
        };
        var stateOption = new Option<DirectoryInfo?>("--state")
        {
            Description = "Folder holding the lab's secrets.json (default: .lab/ at the repository root).",
        };

        var render = new Command("render", "Render every config file, container description and endpoints.json of the lab.");
        render.Options.Add(outOption);
        render.Options.Add(stateOption);
        render.SetAction(parse =>
        {
            try
            {
                var state = parse.GetValue(stateOption)?.FullName
                    ?? LabState.Directory(LabState.FindRepositoryRoot(Directory.GetCurrentDirectory()));
                var outputDirectory = parse.GetRequiredValue(outOption).FullName;
                var files = LabRenderer.Render(LabModel.Load(state), outputDirectory);
                output.WriteLine($"Rendered {files.Count} files into {outputDirectory} (secrets from {state}):");
                foreach (var file in files)
                {
                    output.WriteLine($"  {file}");
                }

                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error.WriteLine($"render failed: {e.Message}");
                return 1;
            }
        });

        var root = new RootCommand("MatrixRTC Lab topology: the lab's configuration, rendered from one typed model.") { render };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(configuration);
    }
}
