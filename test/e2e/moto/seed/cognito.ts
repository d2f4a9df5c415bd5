/**
 * Cognito: a user pool that lets anyone sign up, and an identity pool that allows guests
 * (unauthenticated identities) and the basic (classic) flow. moto 5.2.1 has no
 * SetIdentityPoolRoles/GetIdentityPoolRoles, so the pool's roles cannot be set here and the scan
 * records GetIdentityPoolRoles as a gap; it accepts AllowClassicFlow and drops it (its
 * CreateIdentityPool does not read it, DescribeIdentityPool does not return it), so the basic
 * flow, which would hand guests any role trusting the pool's tokens, stays unseen too.
 */
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { REGION, type SeedContext } from './clients.js';

/** What was created, for the expectations. */
export interface SeededCognito {
  userPoolId: string;
  userPoolArn: string;
  identityPoolId: string;
}

/** Creates both pools. */
export async function seedCognito(context: SeedContext): Promise<SeededCognito> {
  const idp = new CognitoIdentityProviderClient(context.config);
  const pool = await idp.send(new CreateUserPoolCommand({ PoolName: 'chat-users', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } }));
  const userPoolId = pool.UserPool!.Id!;
  const client = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web' }));
  idp.destroy();

  const identity = new CognitoIdentityClient(context.config);
  const created = await identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'chat_guests',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${REGION}.amazonaws.com/${userPoolId}`, ClientId: client.UserPoolClient!.ClientId! }],
    }),
  );
  const identityPoolId = created.IdentityPoolId!;
  identity.destroy();
  return { userPoolId, userPoolArn: pool.UserPool!.Arn!, identityPoolId };
}
