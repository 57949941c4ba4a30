return MatrixRtcLab.Topology.LabCommandLine.Run(args, Console.Out, Console.Error);
