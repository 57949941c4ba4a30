using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// The seeded Nextcloud users. Their passwords are documented (docs/lab.md) on purpose: this is a
/// localhost lab, and people log in by hand. Matrix accounts are created by MAS at first login.
/// </summary>
public static class LabUsers
{
    public const string Group = "matrix-users";

    public static IReadOnlyList<LabUser> All { get; } =
    [
        new("alice", "alice-in-the-matrixrtc-lab", "Alice Lab"),
        new("bob", "bob-builds-matrixrtc-calls", "Bob Lab"),
        new("carol", "carol-sings-in-the-lab-call", "Carol Lab"),
    ];

    public static string Email(LabUser user) => $"{user.Username}@lab.test";
}
