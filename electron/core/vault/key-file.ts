import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { ApiError } from '@shared/api';

const KEY_FILE_PATTERN = /^([0-9a-f]{64})\s*$/;

/**
 * A key file: 32 random bytes as hex, readable by its owner only (like an SSH private key). It
 * wraps the store key; it is not the store key, so rotating the store key leaves it unchanged.
 */
export function readKeyFile(file: string): Buffer {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new ApiError('STORE_KEY_MISSING', {
      message: {
        zh: `找不到密钥文件 ${file}：请从备份恢复它，或改用数据库口令`,
        en: `The key file ${file} is missing: restore it from a backup or use the passphrase`,
      },
    });
  }
  // Windows guards the file with the folder's ACL; POSIX modes say who else could read it.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ApiError('STORE_KEY_INVALID', {
      message: {
        zh: `密钥文件 ${file} 允许其他用户读取，已拒绝使用：请执行 chmod 600 后重试`,
        en: `The key file ${file} is readable by others and was refused: chmod 600 it and retry`,
      },
    });
  }
  const match = KEY_FILE_PATTERN.exec(readFileSync(file, 'utf8'));
  if (!match?.[1]) {
    throw new ApiError('STORE_KEY_INVALID', {
      message: {
        zh: `密钥文件 ${file} 格式不正确`,
        en: `The key file ${file} is not a Bangban key file`,
      },
    });
  }
  return Buffer.from(match[1], 'hex');
}

/** Creates a new key file, owner-only; refuses to overwrite one that exists. */
export function createKeyFile(file: string): Buffer {
  const secret = randomBytes(32);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${secret.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return secret;
}
