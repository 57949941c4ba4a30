using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.AuthService;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests;

[Collection(LabAppModelCollection.Name)]
public sealed class EnvironmentTests(LabAppModel lab)
{
    [Fact]
    public async Task Auth_service_gets_exactly_the_environment_the_topology_renders()
    {
        var declared = await ResourceEnvironment.DeclaredAsync(lab.Resource(LabResourceNames.AuthService), lab.ExecutionContext);

        foreach (var (name, expected) in lab.Lab.AuthServiceEnvironment)
        {
            Assert.True(declared.TryGetValue(name, out var value), $"{name} is not set");
            Assert.Equal(expected, await ResourceEnvironment.ResolveAsync(value));
        }
    }

    [Fact]
    public async Task Every_container_gets_exactly_its_specs_environment()
    {
        foreach (var spec in lab.Lab.Containers)
        {
            var declared = await ResourceEnvironment.DeclaredAsync(lab.Resource(spec.Name), lab.ExecutionContext);
            Assert.Equal(spec.Environment.Keys.Order(), declared.Keys.Order());
            foreach (var (name, expected) in spec.Environment)
            {
                Assert.Equal(expected, await ResourceEnvironment.ResolveAsync(declared[name]));
            }
        }
    }

    [Fact]
    public async Task Secret_variables_are_Aspire_secret_parameters_and_no_plain_value_holds_a_secret()
    {
        var secretVariables = lab.Lab.Containers.ToDictionary(c => c.Name, c => (IReadOnlyCollection<string>)c.SecretEnvironment);
        secretVariables[LabResourceNames.AuthService] = AuthServiceEnvironment.SecretVariables;
        var secretValues = typeof(Topology.Secrets.LabSecrets).GetProperties()
            .Select(p => (string)p.GetValue(lab.Lab.Secrets)!)
            .Where(v => v.Length >= 16)
            .ToList();

        foreach (var resource in lab.Model.Resources.OfType<IResourceWithEnvironment>())
        {
            var declared = await ResourceEnvironment.DeclaredAsync(resource, lab.ExecutionContext);
            foreach (var name in secretVariables.GetValueOrDefault(resource.Name, []))
            {
                var parameter = Assert.IsType<ParameterResource>(declared[name]);
                Assert.True(parameter.Secret, $"{resource.Name}: {name} must be a secret parameter");
            }

            foreach (var (name, value) in declared)
            {
                if (value is string text)
                {
                    Assert.False(secretValues.Any(s => text.Contains(s, StringComparison.Ordinal)), $"{resource.Name}: {name} carries a secret in plain text");
                }
            }
        }
    }

    [Fact]
    public void Database_passwords_are_secret_parameters()
    {
        var parameters = lab.Model.Resources.OfType<ParameterResource>().ToDictionary(p => p.Name);
        Assert.True(parameters[$"{LabResourceNames.Postgres}-password"].Secret);
        Assert.True(parameters[$"{LabResourceNames.Redis}-password"].Secret);
    }
}
