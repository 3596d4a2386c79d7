import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The installer is built where Electron can be downloaded, not here; what this checks is that
 * the build configuration asks for the hardened binary (DESIGN §2, docs/security.md).
 */
describe('the packaging configuration', () => {
  const config = parse(
    readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8'),
  ) as { asar?: boolean; electronFuses?: Record<string, boolean> };

  it('flips the fuses that close the usual doors into an Electron app', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
