import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): memory-hard, so a stolen
 * database is slow to attack, yet a sign-in stays well under a second on a window PC.
 */
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

export function createArgon2Hasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, options),
    verify: (hashed, password) => verify(hashed, password),
  };
}
