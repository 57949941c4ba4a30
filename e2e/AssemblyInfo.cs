using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Reporting;
using Xunit;

// One browser, one artifacts folder and one timing report for the whole run.
[assembly: AssemblyFixture(typeof(BrowserHost))]
[assembly: AssemblyFixture(typeof(RunArtifacts))]
[assembly: AssemblyFixture(typeof(CallTimingReport))]
