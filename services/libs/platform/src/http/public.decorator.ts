import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'dawg:public-route';

/**
 * Marks a route or controller as reachable without credentials. Every use
 * must say why in a comment; the auth guard denies everything else.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
