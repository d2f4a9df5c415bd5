/**
 * Amazon Cognito identity pools (regional): whether a pool lets unauthenticated (guest)
 * identities in, which identity providers it trusts, and the roles it hands out
 * (GetIdentityPoolRoles: authenticated, unauthenticated, and rule or token role mappings).
 */
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The Cognito identity pool collector. */
export const cognitoIdentity: ServiceDescriptor = {
  service: 'cognito-identity',
  scope: 'regional',
  section: 'CognitoIdentity',
  client: CognitoIdentityClient,
  fetches: [
    {
      field: 'IdentityPools',
      call: call(ListIdentityPoolsCommand, () => ({ MaxResults: 60 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: 'IdentityPools',
      name: (p) => str(p, 'IdentityPoolId'),
      describe: call(DescribeIdentityPoolCommand, (p) => ({ IdentityPoolId: str(p, 'IdentityPoolId') })),
      required: true,
      details: [{ field: 'IdentityPoolRoles', call: call(GetIdentityPoolRolesCommand, (p) => ({ IdentityPoolId: str(p, 'IdentityPoolId') })) }],
    },
  ],
};
