namespace MatrixRtcLab.Topology.Nextcloud;

/// <summary>One <c>php occ</c> invocation in the Nextcloud setup hook.</summary>
/// <param name="Arguments">occ's arguments, each passed as one word.</param>
/// <param name="Password">Put into OC_PASS for <c>--password-from-env</c>.</param>
/// <param name="DiscardOutput">For commands that print secrets (oidc:create prints the client secret).</param>
public sealed record OccCommand(IReadOnlyList<string> Arguments, string? Password = null, bool DiscardOutput = false);

/// <summary>A step of the setup hook.</summary>
public abstract record NextcloudSetupStep;

/// <summary>Run the command; a failure aborts the hook (and the container).</summary>
public sealed record RunStep(OccCommand Command) : NextcloudSetupStep;

/// <summary>Run the command unless the check succeeds (occ's add commands are not idempotent).</summary>
public sealed record RunUnlessStep(OccCommand Check, OccCommand Command) : NextcloudSetupStep;

/// <summary>Run the command and accept its failure (e.g. removing what may not exist).</summary>
public sealed record RunAllowingFailureStep(OccCommand Command) : NextcloudSetupStep;
