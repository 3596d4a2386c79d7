import { useCallback, useEffect, useRef, useState } from 'react';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';

export type CallState = 'idle' | 'connecting' | 'connected' | 'unstable' | 'failed';

/** Why the call is not (fully) working, as an i18n key under cobrowse.call.problem. */
export type CallProblem =
  | 'permissionDenied'
  | 'noDevice'
  | 'deviceBusy'
  | 'iceFailed'
  | 'unstable'
  | 'poorNetwork'
  | 'screenShareRefused';

export interface CallQuality {
  roundTripMs: number | null;
  /** Share of inbound video packets lost since the last sample, 0–1. */
  packetLoss: number | null;
  /** Inbound kilobits per second, video and audio together. */
  inboundKbps: number | null;
}

export interface RemoteCall {
  state: CallState;
  problem: CallProblem | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  microphoneOn: boolean;
  cameraOn: boolean;
  sharingScreen: boolean;
  quality: CallQuality;
  start(): Promise<void>;
  hangUp(): void;
  toggleMicrophone(): void;
  toggleCamera(): void;
  shareScreen(): Promise<void>;
  stopScreenShare(): void;
}

type Signal =
  | { type: 'description'; description: RTCSessionDescriptionInit }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  | { type: 'hangup' };

/** How often a call that is still connecting re-sends its offer or restarts ICE. */
const NUDGE_MS = 5000;
const POOR_ROUND_TRIP_MS = 400;
const POOR_PACKET_LOSS = 0.05;

/**
 * The audio/video call beside a remote window: WebRTC between the two renderers, signalled
 * through the engines and the hub's relay (`remote.signal`), over the hub's STUN/TURN servers.
 * "Perfect negotiation": the host's side is the polite one, so offers that cross resolve
 * themselves. The co-browsing never depends on it: a call that cannot connect says why.
 */
export function useRemoteCall(view: RemoteSessionView): RemoteCall {
  const client = useClient();
  const { sessionId, role, iceServers } = view;
  const polite = role === 'host';
  const peer = useRef<RTCPeerConnection | null>(null);
  const making = useRef(false);
  const ignoreOffer = useRef(false);
  const inbox = useRef<Promise<void>>(Promise.resolve());
  const cameraTrack = useRef<MediaStreamTrack | null>(null);
  // The hub's STUN/TURN servers arrive after the window opens: the connection reads the latest.
  const servers = useRef(iceServers);
  useEffect(() => {
    servers.current = iceServers;
  }, [iceServers]);
  const [state, setState] = useState<CallState>('idle');
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [localStream, setLocalStream] = useState<MediaStream | null>(null);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [microphoneOn, setMicrophoneOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const [sharingScreen, setSharingScreen] = useState(false);
  const [quality, setQuality] = useState<CallQuality>({
    roundTripMs: null,
    packetLoss: null,
    inboundKbps: null,
  });

  const send = useCallback(
    (signal: Signal) => {
      void client.remote.signal({ sessionId, signal: JSON.stringify(signal) }).catch(() => {
        setProblem('iceFailed');
      });
    },
    [client, sessionId],
  );

  const close = useCallback(() => {
    peer.current?.close();
    peer.current = null;
    setLocalStream((stream) => {
      for (const track of stream?.getTracks() ?? []) track.stop();
      return null;
    });
    setRemoteStream(null);
    setSharingScreen(false);
    cameraTrack.current = null;
  }, []);

  /** The connection, made on first use (our start, or the other side's offer). */
  const connection = useCallback((): RTCPeerConnection => {
    if (peer.current) return peer.current;
    const pc = new RTCPeerConnection({ iceServers: servers.current });
    peer.current = pc;
    setState('connecting');
    pc.onnegotiationneeded = async () => {
      try {
        making.current = true;
        await pc.setLocalDescription();
        if (pc.localDescription) send({ type: 'description', description: pc.localDescription });
      } finally {
        making.current = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) send({ type: 'candidate', candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ streams }) => {
      if (streams[0]) setRemoteStream(streams[0]);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') {
        setState('connected');
        setProblem(null);
      } else if (pc.connectionState === 'disconnected') {
        setState('unstable');
        setProblem('unstable');
      } else if (pc.connectionState === 'failed') {
        setState('failed');
        setProblem('iceFailed');
      }
    };
    return pc;
  }, [send]);

  const receive = useCallback(
    async (signal: Signal): Promise<void> => {
      if (signal.type === 'hangup') {
        close();
        setState('idle');
        return;
      }
      const pc = connection();
      if (signal.type === 'candidate') {
        try {
          await pc.addIceCandidate(signal.candidate);
        } catch (error) {
          if (!ignoreOffer.current) throw error;
        }
        return;
      }
      const { description } = signal;
      const collision =
        description.type === 'offer' && (making.current || pc.signalingState !== 'stable');
      ignoreOffer.current = !polite && collision;
      if (ignoreOffer.current) return;
      await pc.setRemoteDescription(description);
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        if (pc.localDescription) send({ type: 'description', description: pc.localDescription });
      }
    },
    [close, connection, polite, send],
  );
  // `receive` only changes with the session, so signals are never lost between subscriptions.
  const me = view.me;
  useEffect(
    () =>
      client.events.on('remote.signal', (event) => {
        if (event.sessionId !== sessionId || event.from === me) return;
        let signal: Signal;
        try {
          signal = JSON.parse(event.signal) as Signal;
        } catch {
          return;
        }
        // One at a time, in order: an answer applied while the next offer is read loses one.
        inbox.current = inbox.current
          .then(() => receive(signal))
          .catch(() => {
            setProblem('iceFailed');
          });
      }),
    [client, sessionId, me, receive],
  );

  // Signals travel as fire-and-forget relay messages: one lost on a weak link (a reconnect)
  // would leave the call connecting for ever. While it connects, every few seconds, an offer
  // still unanswered is sent again, and a settled negotiation that found no path restarts ICE.
  useEffect(() => {
    if (state !== 'connecting') return undefined;
    const timer = setInterval(() => {
      const pc = peer.current;
      if (!pc || pc.connectionState === 'connected') return;
      if (pc.signalingState === 'have-local-offer' && pc.localDescription)
        send({ type: 'description', description: pc.localDescription });
      else if (pc.signalingState === 'stable' && pc.remoteDescription) pc.restartIce();
    }, NUDGE_MS);
    return () => {
      clearInterval(timer);
    };
  }, [state, send]);

  const start = useCallback(async () => {
    setProblem(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      setProblem(
        name === 'NotAllowedError'
          ? 'permissionDenied'
          : name === 'NotFoundError'
            ? 'noDevice'
            : 'deviceBusy',
      );
      setState('failed');
      return;
    }
    const pc = connection();
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    cameraTrack.current = stream.getVideoTracks()[0] ?? null;
    setLocalStream(stream);
    setMicrophoneOn(true);
    setCameraOn(true);
  }, [connection]);

  const hangUp = useCallback(() => {
    send({ type: 'hangup' });
    close();
    setState('idle');
    setProblem(null);
  }, [close, send]);

  const toggleMicrophone = useCallback(() => {
    for (const track of localStream?.getAudioTracks() ?? []) track.enabled = !track.enabled;
    setMicrophoneOn((on) => !on);
  }, [localStream]);

  const toggleCamera = useCallback(() => {
    if (cameraTrack.current) cameraTrack.current.enabled = !cameraTrack.current.enabled;
    setCameraOn((on) => !on);
  }, []);

  const videoSender = (): RTCRtpSender | undefined =>
    peer.current?.getSenders().find((sender) => sender.track?.kind === 'video');

  const stopScreenShare = useCallback(() => {
    const sender = videoSender();
    if (sender && cameraTrack.current) void sender.replaceTrack(cameraTrack.current);
    setSharingScreen(false);
  }, []);

  const shareScreen = useCallback(async () => {
    const sender = videoSender();
    if (!sender) return;
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true });
      const [track] = display.getVideoTracks();
      if (!track) return;
      track.onended = () => {
        stopScreenShare();
      };
      await sender.replaceTrack(track);
      setSharingScreen(true);
    } catch {
      setProblem('screenShareRefused');
    }
  }, [stopScreenShare]);

  // Quality: round trip, loss and bitrate every 2 s, to say "poor network" before people ask.
  useEffect(() => {
    if (state !== 'connected' && state !== 'unstable') return undefined;
    let previous: { at: number; bytes: number; lost: number; received: number } | null = null;
    const timer = setInterval(() => {
      const pc = peer.current;
      if (!pc) return;
      void pc.getStats().then((report) => {
        const totals = { roundTripMs: null as number | null, bytes: 0, lost: 0, received: 0 };
        report.forEach((stat: RTCStats & Record<string, unknown>) => {
          if (stat.type === 'candidate-pair' && stat.state === 'succeeded') {
            const rtt = stat.currentRoundTripTime;
            if (typeof rtt === 'number') totals.roundTripMs = Math.round(rtt * 1000);
          }
          if (stat.type === 'inbound-rtp') {
            totals.bytes += typeof stat.bytesReceived === 'number' ? stat.bytesReceived : 0;
            totals.lost += typeof stat.packetsLost === 'number' ? stat.packetsLost : 0;
            totals.received += typeof stat.packetsReceived === 'number' ? stat.packetsReceived : 0;
          }
        });
        const { roundTripMs, bytes, lost, received } = totals;
        const now = performance.now();
        const sample = { at: now, bytes, lost, received };
        const last = previous;
        previous = sample;
        if (!last) return;
        const packets = received - last.received + (lost - last.lost);
        const packetLoss = packets > 0 ? (lost - last.lost) / packets : null;
        const inboundKbps = Math.round(((bytes - last.bytes) * 8) / (now - last.at));
        setQuality({ roundTripMs, packetLoss, inboundKbps });
        const poor =
          (roundTripMs !== null && roundTripMs > POOR_ROUND_TRIP_MS) ||
          (packetLoss !== null && packetLoss > POOR_PACKET_LOSS);
        setProblem((current) =>
          poor ? 'poorNetwork' : current === 'poorNetwork' ? null : current,
        );
      });
    }, 2000);
    return () => {
      clearInterval(timer);
    };
  }, [state]);

  // The screen closed, or the session ended (the card is then gone): the call goes with it.
  useEffect(() => close, [close]);

  return {
    state,
    problem,
    localStream,
    remoteStream,
    microphoneOn,
    cameraOn,
    sharingScreen,
    quality,
    start,
    hangUp,
    toggleMicrophone,
    toggleCamera,
    shareScreen,
    stopScreenShare,
  };
}
