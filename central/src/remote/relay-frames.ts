import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** The hocuspocus message types a client may send (BroadcastStateless is the server's own). */
const CLIENT_MESSAGE_TYPES = new Map<number, string>([
  [0, 'sync'],
  [1, 'awareness'],
  [2, 'auth'],
  [3, 'queryAwareness'],
  [4, 'syncReply'],
  [5, 'stateless'],
  [7, 'close'],
  [9, 'ping'],
  [10, 'pong'],
]);

/** Longest document name a frame may carry (ours are about 40 characters). */
const MAX_DOCUMENT_NAME = 200;
/** A signalling message (an SDP offer with its candidates) fits well within this. */
const MAX_STATELESS_CHARS = 64 * 1024;

export type FrameVerdict =
  { ok: true; documentName: string; type: string } | { ok: false; reason: string };

/**
 * Reads a whole relay frame before hocuspocus sees it: the document address, a message type a
 * client may send, and a body that decodes to the end (a Yjs update or state vector, an awareness
 * update with JSON states, a token, a string). Anything else is refused, so a malformed frame
 * closes its own connection and never reaches a shared document.
 */
export function inspectFrame(frame: Uint8Array): FrameVerdict {
  try {
    const decoder = decoding.createDecoder(frame);
    const address = decoding.readVarString(decoder);
    const documentName = address.split('\0', 1)[0] ?? '';
    if (documentName.length === 0 || address.length > MAX_DOCUMENT_NAME)
      return { ok: false, reason: 'bad document address' };
    const type = CLIENT_MESSAGE_TYPES.get(decoding.readVarUint(decoder));
    if (type === undefined) return { ok: false, reason: 'unknown message type' };
    readBody(type, decoder);
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes' };
    return { ok: true, documentName, type };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'undecodable frame' };
  }
}

function readBody(type: string, decoder: decoding.Decoder): void {
  switch (type) {
    case 'sync':
    case 'syncReply':
      readSync(decoder);
      return;
    case 'awareness':
      readAwareness(decoding.readVarUint8Array(decoder));
      return;
    case 'auth': {
      decoding.readVarUint(decoder);
      if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
      // A provider adds its version after the token.
      if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
      return;
    }
    case 'stateless': {
      const payload = decoding.readVarString(decoder);
      if (payload.length > MAX_STATELESS_CHARS) throw new Error('stateless message too long');
      return;
    }
    default:
      // queryAwareness, close, ping, pong: no body.
      return;
  }
}

function readSync(decoder: decoding.Decoder): void {
  const step = decoding.readVarUint(decoder);
  const body = decoding.readVarUint8Array(decoder);
  if (step === 0) Y.decodeStateVector(body);
  else if (step === 1 || step === 2) Y.decodeUpdate(body);
  else throw new Error('unknown sync step');
}

function readAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) throw new Error('too many awareness states');
  for (let index = 0; index < count; index += 1) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing awareness bytes');
}
