using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.E2E.Pages;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>A fresh user logged in to Element Web in their own browser context.</summary>
public sealed record CallParticipant(
    MatrixUser User,
    BrowserSession Session,
    ElementWebPage Web,
    AuthServiceRequests TokenRequests,
    TimeSpan LogIn);
