// Uploads too large for memory (a WordPress export): a route that says so in its config gets its file
// streamed to a temporary file, refused with a 413 past its own limit, and removed when the answer is sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../platform/errors.ts';

export interface DiskUploadConfig {
  maxBytes: number;
  /** The 413 message: what the limit is and what to do instead. */
  tooLarge: string;
  /** Its figures, for the catalogue's wording (`errors.upload_too_large`). */
  values?: Record<string, string | number>;
}

export interface DiskUpload {
  path: string;
  /** The name the browser gave, for messages only. */
  filename: string;
  bytes: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    diskUpload?: DiskUploadConfig;
  }
  interface FastifyRequest {
    diskUpload?: DiskUpload;
  }
}

/** Route config that streams the upload to disk with its own size limit (the multipart plugin takes the limit from multipartOptions). */
export const diskUploadRoute = (limit: DiskUploadConfig) => ({
  diskUpload: limit,
  multipartOptions: { limits: { fileSize: limit.maxBytes, files: 1 } },
});

/** The multipart plugin's onFile: to disk for routes that asked, into memory (as before) for the rest. */
export async function onMultipartFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const limit = this.routeOptions.config.diskUpload;
  if (!limit) {
    await part.toBuffer();
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-upload-'));
  const file = path.join(dir, 'upload');
  this.diskUpload = { path: file, filename: part.filename, bytes: 0 };
  await pipeline(part.file, fs.createWriteStream(file));
  if (part.file.truncated)
    throw new AppError({
      status: 413,
      code: 'upload_too_large',
      message: limit.tooLarge,
      field: 'file',
      values: limit.values,
    });
  this.diskUpload.bytes = fs.statSync(file).size;
}

/** Removes every request's temporary upload once the answer has gone, whatever the answer was. */
export function installDiskUploadCleanup(app: FastifyInstance): void {
  const remove = async (req: FastifyRequest) => {
    if (req.diskUpload) fs.rmSync(path.dirname(req.diskUpload.path), { recursive: true, force: true });
  };
  app.addHook('onResponse', remove);
  app.addHook('onRequestAbort', remove);
}
