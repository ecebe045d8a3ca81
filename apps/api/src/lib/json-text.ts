import type { FastifyReply } from 'fastify';

/**
 * JSON text written by hand (for speed: kept pieces joined, not serialised again) that parses to
 * a `T`. The type carries which contract the text was written from, so it is only ever built
 * from typed values (`jsonText`) or typed pieces, and the route that sends it says which response
 * schema that is. apps/api/test/heatmap-contract.test.ts checks a served body against the schema.
 */
export type JsonText<T> = string & { readonly __parsesTo?: T };

export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;

/**
 * Sends JSON text as it is: Fastify does not serialise a string sent with a JSON content type,
 * so the response schema's serialiser is bypassed (the text was written from the same contract).
 */
export function sendJsonText<T>(reply: FastifyReply, json: JsonText<T>): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
