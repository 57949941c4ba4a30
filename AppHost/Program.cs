// MatrixRTC Lab: the whole MatrixRTC / Element Call stack on one machine.
// Every name, port, secret, image tag and config file comes from AppHost.Topology (LabModel);
// this file only says what starts and in which order. See docs/lab.md.
using MatrixRtcLab.AppHost.Resources;

var builder = DistributedApplication.CreateBuilder(args);
var lab = builder.LoadLab();   // .lab/secrets.json (generated once) + the typed lab model

// Storage
var postgres = builder.AddLabPostgres(lab);
var synapseDb = postgres.AddSynapseDatabase();
var masDb = postgres.AddMasDatabase();
var redis = builder.AddLabRedis(lab);

// Identity: Nextcloud is the upstream OIDC provider of MAS
var nextcloud = builder.AddNextcloud(lab);
var mas = builder.AddMatrixAuthenticationService(lab, masDb, nextcloud);

// Homeserver
var synapse = builder.AddSynapse(lab, synapseDb);

// Media: LiveKit SFU and our MatrixRTC Authorization Service (a project on the host)
var livekit = builder.AddLiveKit(lab);
builder.AddMatrixRtcAuthService(lab, redis, livekit, synapse)
    .WithDeploymentCheckCommand(lab)    // rtc-doctor on the dashboard
    .WithUnstickCallsCommand(lab);

// Client: Element Web with the embedded Element Call
builder.AddElementWeb(lab, synapse, mas);

builder.PublishLabEndpoints(lab);   // .lab/endpoints.json for the e2e suite and rtc-doctor
builder.Build().Run();
