import { randomUUID } from 'node:crypto';

/** Random, unguessable and unordered: ids never reveal creation order. */
export const newId = (): string => randomUUID();
