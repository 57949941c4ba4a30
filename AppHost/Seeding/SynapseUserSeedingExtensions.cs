using MatrixRtcLab.Topology.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MatrixRtcLab.AppHost.Seeding;

public static class SynapseUserSeedingExtensions
{
    /// <summary>
    /// With password login, registers the lab's test users (<see cref="LabUsers"/>) through shared-secret
    /// registration as soon as Synapse is healthy; users that exist are left as they are.
    /// </summary>
    public static void SeedSynapseUsers(this IDistributedApplicationBuilder builder, LabModel lab)
    {
        var seeding = new SynapseUserSeeding();
        builder.Services.AddSingleton(seeding);
        builder.Eventing.Subscribe<ResourceReadyEvent>(builder.Resources.Single(r => r.Name == LabResourceNames.Synapse), async (ready, cancellationToken) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MatrixRtcLab");
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var registration = new SharedSecretRegistration(http, lab.Topology.Synapse.PublicUrl, lab.Secrets.SynapseRegistrationSharedSecret);
                foreach (var user in LabUsers.All)
                {
                    var created = await registration.RegisterAsync(user.Username, user.Password, cancellationToken);
                    logger.LogInformation("Test user {User}: {Outcome}", user.Username, created ? "created" : "exists");
                }

                seeding.Complete();
            }
            catch (HttpRequestException e)
            {
                logger.LogError("The test users could not be created: {Reason}", e.Message);
                seeding.Fail(e);
            }
        });
    }
}
