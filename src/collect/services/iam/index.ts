/**
 * IAM (global): GetAccountAuthorizationDetails with every page merged, each user's access keys
 * with their last use and long-term Bedrock API keys, and the OIDC and SAML identity providers.
 */
import {
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListOpenIDConnectProvidersCommand,
  ListServiceSpecificCredentialsCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam';
import { call, str, type Note, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

/** The service name of long-term Bedrock API keys (IAM service-specific credentials). */
const BEDROCK_SERVICE = 'bedrock.amazonaws.com';

const markerPages = { inputToken: 'Marker', outputToken: 'Marker', moreResults: 'IsTruncated' } as const;

/** Users listed by GetAccountAuthorizationDetails: ListAccessKeys runs once for each. */
function users(section: Rec): Rec[] {
  const details = section['AuthorizationDetails'] as { UserDetailList?: Rec[] } | undefined;
  return details?.UserDetailList ?? [];
}

/**
 * A managed policy whose answer lacks `PolicyName` (AWS always sends it; some emulators do
 * not) is kept: the name is the last part of its ARN, as IAM builds policy ARNs from path and
 * name. Dropping the policy would hide every permission it grants.
 */
export function nameManagedPolicies(section: Rec, note: Note): Rec {
  const details = section['AuthorizationDetails'] as { Policies?: unknown } | undefined;
  const policies = Array.isArray(details?.Policies) ? (details.Policies as Rec[]) : [];
  for (const policy of policies) {
    const arn = str(policy, 'Arn');
    if (str(policy, 'PolicyName') !== '' || arn === '') continue;
    policy['PolicyName'] = arn.slice(arn.lastIndexOf('/') + 1);
    note('GetAccountAuthorizationDetails', 'the managed policy came without PolicyName; the name was taken from its ARN', arn);
  }
  return section;
}

/** The IAM collector: authorization details, access keys, identity providers. */
export const iam: ServiceDescriptor = {
  service: 'iam',
  scope: 'global',
  section: 'iam',
  client: IAMClient,
  fetches: [
    {
      field: 'AuthorizationDetails',
      call: call(GetAccountAuthorizationDetailsCommand, () => ({ MaxItems: 1000 })),
      paginate: markerPages,
      required: true,
    },
    {
      field: 'AccessKeyMetadata',
      after: ['AuthorizationDetails'],
      over: users,
      call: call(ListAccessKeysCommand, (user) => ({ UserName: str(user, 'UserName') })),
      paginate: markerPages,
      items: 'AccessKeyMetadata',
      resource: (user) => str(user, 'UserName'),
      name: (key) => str(key, 'AccessKeyId'),
      details: [
        {
          field: 'AccessKeyLastUsed',
          call: call(GetAccessKeyLastUsedCommand, (key) => ({ AccessKeyId: str(key, 'AccessKeyId') })),
          pick: 'AccessKeyLastUsed',
        },
      ],
    },
    {
      // Long-term Amazon Bedrock API keys are service-specific credentials of a user.
      field: 'ServiceSpecificCredentials',
      after: ['AuthorizationDetails'],
      over: users,
      call: call(ListServiceSpecificCredentialsCommand, (user) => ({ UserName: str(user, 'UserName'), ServiceName: BEDROCK_SERVICE })),
      items: 'ServiceSpecificCredentials',
      resource: (user) => str(user, 'UserName'),
      name: (credential) => str(credential, 'ServiceSpecificCredentialId'),
    },
    {
      field: 'OpenIDConnectProviders',
      call: call(ListOpenIDConnectProvidersCommand),
      items: 'OpenIDConnectProviderList',
      name: (provider) => str(provider, 'Arn'),
      describe: {
        ...call(GetOpenIDConnectProviderCommand, (provider) => ({ OpenIDConnectProviderArn: str(provider, 'Arn') })),
        merge: true,
      },
    },
    {
      field: 'SAMLProviders',
      call: call(ListSAMLProvidersCommand),
      items: 'SAMLProviderList',
    },
  ],
  finish: nameManagedPolicies,
};
