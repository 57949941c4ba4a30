namespace MatrixRtc.AuthService.IntegrationTests.Matrix;

/// <summary>A scheduled MSC4140 delayed event; <see cref="RunningSince"/> moves forward on every restart.</summary>
public sealed record DelayedEvent(string DelayId, long Delay, long RunningSince);
