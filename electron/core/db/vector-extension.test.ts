import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { loadVectorExtension } from './vector-extension';

describe('loadVectorExtension', () => {
  it('loads sqlite-vec from its platform package', () => {
    const db = new Database(':memory:');
    const support = loadVectorExtension(db);
    expect(support.available).toBe(true);
    expect(support.available ? support.version : '').toMatch(/^v0\.1\./);
    db.exec('CREATE VIRTUAL TABLE v USING vec0 (embedding float[2] distance_metric=cosine)');
    db.close();
  });

  it('says why where the library cannot load, and leaves the connection usable', () => {
    const db = new Database(':memory:');
    const support = loadVectorExtension(db, () => '/nowhere/vec0.so');
    expect(support.available).toBe(false);
    expect(support.available ? '' : support.reason).toMatch(/nowhere/);
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('says why on a platform sqlite-vec ships no binary for', () => {
    const db = new Database(':memory:');
    const support = loadVectorExtension(db, () => {
      throw new Error('Unsupported platform for sqlite-vec, on a linux-riscv64 machine.');
    });
    expect(support).toEqual({
      available: false,
      reason: 'Unsupported platform for sqlite-vec, on a linux-riscv64 machine.',
    });
    db.close();
  });
});
