import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard } from '@dawg/platform';
import { AuthGuard } from './auth.guard';
import type { AuthSignEnv, AuthVerifyEnv } from './auth-env';
import { JwtSigner, JwtVerifier } from './jwt';
import { loadPrivateKey, loadPublicKey } from './keys';

/**
 * Token verification and the global guard for one deployable. Pass `signing`
 * only in the api service: it alone holds the private key.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(env: AuthVerifyEnv, signing?: AuthSignEnv): DynamicModule {
    const providers: Provider[] = [
      {
        provide: JwtVerifier,
        useValue: new JwtVerifier(loadPublicKey(env.JWT_PUBLIC_KEY, env.JWT_PUBLIC_KEY_FILE), {
          issuer: env.JWT_ISSUER,
          audience: env.JWT_AUDIENCE,
        }),
      },
      { provide: APP_GUARD, useClass: AuthGuard },
      // After AuthGuard (providers run in order), so limits count per signed-in user.
      { provide: APP_GUARD, useClass: RateLimitGuard },
    ];
    if (signing) {
      providers.push({
        provide: JwtSigner,
        useValue: new JwtSigner(loadPrivateKey(signing.JWT_PRIVATE_KEY, signing.JWT_PRIVATE_KEY_FILE), {
          issuer: env.JWT_ISSUER,
          audience: env.JWT_AUDIENCE,
          ttlSeconds: signing.JWT_ACCESS_TTL_SECONDS,
        }),
      });
    }
    return {
      module: AuthModule,
      providers,
      exports: signing ? [JwtVerifier, JwtSigner] : [JwtVerifier],
    };
  }
}
