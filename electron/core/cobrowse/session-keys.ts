import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM under `key`, laid out iv ‖ ciphertext ‖ tag: sealed values and shared files. */
export function encryptWith(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** The reverse of `encryptWith`; throws when the bytes were altered or the key is wrong. */
export function decryptWith(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/**
 * One side's X25519 key pair for one remote session. What is sealed with it (revealed personal
 * data, shared files) can be opened only by the two participants: the hub relays ciphertext.
 * The private key lives in memory only and dies with the session.
 */
export class SessionKeys {
  private readonly privateKey: KeyObject;
  /** The raw public key, base64url (43 characters), as the hub lists it. */
  readonly publicKey: string;

  constructor() {
    const pair = generateKeyPairSync('x25519');
    this.privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    if (typeof jwk.x !== 'string') throw new Error('an X25519 key without its public part');
    this.publicKey = jwk.x;
  }

  /** Seals `plain` for the holder of `theirPublicKey`; `context` binds it to its place. */
  seal(plain: string, theirPublicKey: string, context: string): string {
    return encryptWith(this.keyWith(theirPublicKey, context), Buffer.from(plain, 'utf8')).toString(
      'base64url',
    );
  }

  /** Opens what the holder of `theirPublicKey` sealed for us; throws when it was altered. */
  open(sealed: string, theirPublicKey: string, context: string): string {
    return decryptWith(
      this.keyWith(theirPublicKey, context),
      Buffer.from(sealed, 'base64url'),
    ).toString('utf8');
  }

  private keyWith(theirPublicKey: string, context: string): Buffer {
    const theirs = createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: theirPublicKey },
      format: 'jwk',
    });
    const shared = diffieHellman({ privateKey: this.privateKey, publicKey: theirs });
    return Buffer.from(
      hkdfSync('sha256', shared, Buffer.alloc(0), `bangban-remote/${context}`, 32),
    );
  }
}
