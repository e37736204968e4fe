import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded files live. A small interface so that object storage can replace the disk later. */
export interface FileStorage {
  /** Stores the stream under a new key; returns the key, the size and the SHA-256 (hex). Stops at `maxBytes`. */
  put(stream: Readable, maxBytes: number): Promise<{ key: string; size: number; sha256: string; head: Buffer }>;
  open(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class FileTooLargeError extends Error {}

/** Files on disk under `<root>/<2 hex>/<uuid>`; written to a temporary name, then renamed. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad storage key');
    return path.join(this.root, key);
  }

  async put(stream: Readable, maxBytes: number) {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.part`;
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(`file larger than ${maxBytes} bytes`));
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(temp, { flags: 'wx', mode: 0o640 }));
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex'), head };
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

/** Accepted types with the bytes their files start with (the declared type must match the content). */
export const FILE_TYPES: Record<string, { extensions: string[]; magic: number[][] }> = {
  'application/pdf': { extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/png': { extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/msword': { extensions: ['doc'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  'application/vnd.ms-excel': { extensions: ['xls'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  // OFD (GB/T 33190), the format of Chinese official electronic documents: a zip container.
  'application/ofd': { extensions: ['ofd'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
};

export function contentMatches(type: string, head: Buffer): boolean {
  const spec = FILE_TYPES[type];
  return !!spec && spec.magic.some((m) => m.every((byte, i) => head[i] === byte));
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return [...(base || 'file')].slice(-200).join('');
}
