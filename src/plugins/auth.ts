import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import type { Role } from '../db/schema/index.js';
import { hasRoleAnywhere, type Principal } from '../modules/auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; routes read it through `principalOf`. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a token (login, health, docs). Everything else requires one. */
    public?: boolean;
  }
}

export type AuthPluginOptions = {
  /** Verifies the bearer token and loads the caller; throws AppError UNAUTHENTICATED. */
  authenticate: (token: string) => Promise<Principal>;
};

/**
 * Authentication is the default: every route requires a valid bearer token unless its config says
 * `public: true`, so a new route cannot be exposed by forgetting a hook.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, { authenticate }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config?.public || request.is404) return;
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) throw new AppError('UNAUTHENTICATED', { message: 'a bearer token is required' });
      request.principal = await authenticate(match[1]);
    });
  },
  { name: 'auth' },
);

/** The authenticated caller of a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', { message: 'a bearer token is required' });
  return request.principal;
}

/** preHandler guard: the caller holds one of `roles` in some organisation. Finer checks live in services. */
export function requireAnyRole(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    const p = principalOf(request);
    if (!roles.some((r) => hasRoleAnywhere(p, r))) throw new AppError('FORBIDDEN', { message: `requires role ${roles.join(' or ')}` });
  };
}
