import { Type } from '@sinclair/typebox';

export const HealthStatus = Type.Object({ status: Type.String() });
