// Sums the WebRTC statistics of every live peer connection the recorder saw in this frame.
async () => {
  const totals = {
    peerConnections: 0,
    inboundVideoStreams: 0,
    videoFramesDecoded: 0,
    videoBytesReceived: 0,
    inboundAudioStreams: 0,
    audioBytesReceived: 0,
    audioSamplesReceived: 0,
    videoFramesEncoded: 0,
    succeededCandidatePairs: 0,
  };
  for (const pc of window.__matrixRtcLabPeerConnections ?? []) {
    if (pc.connectionState === "closed") {
      continue;
    }
    totals.peerConnections++;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "video") {
        totals.inboundVideoStreams++;
        totals.videoFramesDecoded += s.framesDecoded ?? 0;
        totals.videoBytesReceived += s.bytesReceived ?? 0;
      } else if (s.type === "inbound-rtp" && s.kind === "audio") {
        totals.inboundAudioStreams++;
        totals.audioBytesReceived += s.bytesReceived ?? 0;
        totals.audioSamplesReceived += s.totalSamplesReceived ?? 0;
      } else if (s.type === "outbound-rtp" && s.kind === "video") {
        totals.videoFramesEncoded += s.framesEncoded ?? 0;
      } else if (s.type === "candidate-pair" && s.state === "succeeded" && s.nominated) {
        totals.succeededCandidatePairs++;
      }
    });
  }
  return totals;
}
