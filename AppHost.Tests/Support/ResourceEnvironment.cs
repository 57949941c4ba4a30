namespace MatrixRtcLab.AppHost.Tests.Support;

/// <summary>A resource's environment as its callbacks declare it: raw strings, parameters, endpoint references.</summary>
public static class ResourceEnvironment
{
    public static async Task<Dictionary<string, object>> DeclaredAsync(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var variables = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(executionContext, resource, variables, TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return variables;
    }

    /// <summary>The value a declared entry resolves to, for entries that are plain strings or parameters.</summary>
    public static async Task<string?> ResolveAsync(object declared) => declared switch
    {
        string text => text,
        ParameterResource parameter => await parameter.GetValueAsync(TestContext.Current.CancellationToken),
        _ => throw new InvalidOperationException($"Cannot resolve a {declared.GetType().Name} without starting the lab."),
    };
}
