import type { FastifyRequest } from 'fastify';
import { HttpError } from '../server/http-errors.js';
import { imageMediaTypes, type TurnInput } from './history.js';

/** Bedrock's limit for one image (3.75 MB); larger parts are refused before the model is called. */
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;

/** Options for `@fastify/multipart`: an image over the limit fails while it streams, never buffered whole. */
export const multipartOptions = {
  limits: { fileSize: MAX_IMAGE_BYTES, files: 20, fields: 10 },
};

const partName = (part: { fieldname: string; filename?: string }) =>
  `"${part.fieldname}"${part.filename ? ` (${part.filename})` : ''}`;

/**
 * A `preValidation` hook that turns a `multipart/form-data` turn (a `text` field and image file
 * parts) into the JSON body `{ text, images }`, so that the route's one body schema validates both
 * forms and the handler never knows which it got. JSON requests pass through untouched.
 */
export async function multipartTurnBody(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: TurnInput = { text: '' };
  const images: NonNullable<TurnInput['images']> = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== 'text')
          throw new HttpError(
            400,
            'invalid_part',
            `Unknown form field "${part.fieldname}": send "text" and image files.`,
          );
        body.text = String(part.value);
        continue;
      }
      if (!imageMediaTypes.includes(part.mimetype)) {
        // The stream must be drained, or the request never finishes parsing.
        part.file.resume();
        throw new HttpError(
          400,
          'invalid_image',
          `Part ${partName(part)} is ${part.mimetype}; images must be PNG, JPEG, GIF or WebP.`,
        );
      }
      images.push({ mediaType: part.mimetype, data: (await part.toBuffer()).toString('base64') });
    }
  } catch (error) {
    // The plugin reports the size limit as a 413 about the whole request; the caller needs to know which image.
    const { code, part } = error as { code?: string; part?: { fieldname: string; filename?: string } };
    if (code === 'FST_REQ_FILE_TOO_LARGE' && part)
      throw new HttpError(
        400,
        'invalid_image',
        `Part ${partName(part)} is larger than 3.75 MB, the most Bedrock accepts.`,
      );
    throw error;
  }
  if (images.length > 0) body.images = images;
  request.body = body;
}
