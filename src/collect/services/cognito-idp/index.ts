/**
 * Amazon Cognito user pools (regional): DescribeUserPool, read for whether anyone may sign
 * up (`AdminCreateUserConfig.AllowAdminCreateUserOnly` false), which turns an identity pool's
 * authenticated role into a role any internet user can get after signing up.
 */
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { call, str, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The Cognito user pool collector. */
export const cognitoIdp: ServiceDescriptor = {
  service: 'cognito-idp',
  scope: 'regional',
  section: 'CognitoUserPools',
  client: CognitoIdentityProviderClient,
  fetches: [
    {
      field: 'UserPools',
      call: call(ListUserPoolsCommand, () => ({ MaxResults: 60 })),
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      items: 'UserPools',
      name: (p) => str(p, 'Id'),
      describe: { ...call(DescribeUserPoolCommand, (p) => ({ UserPoolId: str(p, 'Id') })), pick: 'UserPool' },
      required: true,
    },
  ],
};
