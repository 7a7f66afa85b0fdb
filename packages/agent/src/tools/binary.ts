import { open } from 'node:fs/promises';

/** How much of a file is sniffed: git and grep decide "binary" from the first 8 KB the same way. */
export const SNIFF_BYTES = 8192;

/** A NUL byte early on means binary: text encodings tools deal with (UTF-8, ASCII) never contain one. */
export const looksBinary = (bytes: Uint8Array): boolean => bytes.subarray(0, SNIFF_BYTES).includes(0);

/** Whether a file on disk looks binary, reading only its first 8 KB. */
export async function fileLooksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return looksBinary(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
