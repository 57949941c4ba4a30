// MatrixRTC Lab: the whole MatrixRTC / Element Call stack on one machine.
// Every name, port, secret, image tag, config file, how each component runs (container, local
// process, or left out) and the start order come from AppHost.Topology (LabModel); this file only
// says what the lab is made of. See docs/lab.md.
using MatrixRtcLab.AppHost.Resources;
using MatrixRtcLab.AppHost.Startup;

var builder = DistributedApplication.CreateBuilder(args);

// Lab:* switches, what this machine can run, .lab/secrets.json (generated once)
var start = await builder.PrepareLabAsync();
if (start.Lab is not { } lab)
{
    await Console.Error.WriteLineAsync(start.Problem);
    return 1;
}

// Storage
builder.AddLabPostgres(lab);
builder.AddLabRedis(lab);

// Identity: MAS logs users in through Nextcloud (Lab:Login=mas), or Synapse takes passwords itself
builder.AddNextcloud(lab);
builder.AddMatrixAuthenticationService(lab);

// Homeserver
builder.AddSynapse(lab);

// Media: LiveKit SFU and our MatrixRTC Authorization Service (a project on the host)
builder.AddLiveKit(lab);
builder.AddMatrixRtcAuthService(lab)
    .WithDeploymentCheckCommand(lab)    // rtc-doctor on the dashboard
    .WithUnstickCallsCommand(lab);

// Client: Element Web with the embedded Element Call
builder.AddElementWeb(lab);

builder.ApplyStartOrder(lab);       // who waits for whom: LabModel.StartOrder
builder.PublishLabEndpoints(lab);   // .lab/endpoints.json once everything is healthy, for the e2e suite and rtc-doctor
return await builder.Build().RunLabAsync();
