import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hallIdSchema, terminalIdSchema } from '@shared/hub/protocol';
import { writeFileAtomically } from '../db/durable-files';
import type { OsKeyProtection } from '../vault';

export const hubCredentialsSchema = z.object({
  hubUrl: z.url(),
  terminalId: terminalIdSchema,
  secret: z.string().min(32),
  terminalName: z.string(),
  hall: z.object({ id: hallIdSchema, name: z.string() }),
  enrolledAt: z.string(),
});
export type HubCredentials = z.infer<typeof hubCredentialsSchema>;

const PROTECTED_FILE = 'hub-credentials.bin';
const PLAIN_FILE = 'hub-credentials.json';

/**
 * The terminal's hub credentials, outside the database so that a copied store cannot act as the
 * terminal: wrapped by the OS keyring (Electron safeStorage) on the desktop, else a file only the
 * user can read (browser mode).
 */
export class CredentialsStore {
  constructor(
    private readonly dataDir: string,
    private readonly osProtection: OsKeyProtection | undefined,
  ) {}

  get protection(): 'safeStorage' | 'file' {
    return this.osProtection ? 'safeStorage' : 'file';
  }

  async load(): Promise<HubCredentials | undefined> {
    const wrapped = join(this.dataDir, PROTECTED_FILE);
    const plain = join(this.dataDir, PLAIN_FILE);
    let text: string | undefined;
    if (this.osProtection && existsSync(wrapped))
      text = (await this.osProtection.unwrap(readFileSync(wrapped))).toString('utf8');
    else if (existsSync(plain)) text = readFileSync(plain, 'utf8');
    if (text === undefined) return undefined;
    return hubCredentialsSchema.parse(JSON.parse(text));
  }

  async save(credentials: HubCredentials): Promise<void> {
    const text = JSON.stringify(hubCredentialsSchema.parse(credentials), null, 2);
    if (this.osProtection) {
      writeFileAtomically(
        join(this.dataDir, PROTECTED_FILE),
        await this.osProtection.wrap(Buffer.from(text, 'utf8')),
      );
      rmSync(join(this.dataDir, PLAIN_FILE), { force: true });
    } else writeFileAtomically(join(this.dataDir, PLAIN_FILE), text);
  }

  remove(): void {
    rmSync(join(this.dataDir, PROTECTED_FILE), { force: true });
    rmSync(join(this.dataDir, PLAIN_FILE), { force: true });
  }
}
