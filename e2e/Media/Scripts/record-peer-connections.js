// Added to every browser context as an init script, so it also runs inside the Element Call iframe.
// Keeps a reference to every RTCPeerConnection the page creates, for getStats() from the tests.
(() => {
  if (window.__matrixRtcLabPeerConnections || typeof window.RTCPeerConnection !== "function") {
    return;
  }
  const created = [];
  Object.defineProperty(window, "__matrixRtcLabPeerConnections", { value: created });
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      created.push(this);
    }
  };
})();
