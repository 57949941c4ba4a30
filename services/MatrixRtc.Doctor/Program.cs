using MatrixRtc.Doctor.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await DoctorCommandLine.RunAsync(args, cancellationToken: cancel.Token);
