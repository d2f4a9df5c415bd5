/**
 * KMS (regional): every key's metadata, key policy, tags, aliases and grants. Grants matter
 * because a grant lets its grantee use the key without any policy saying so; aliases because
 * secrets and parameters may name their key by alias.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const markerPages = { inputToken: 'Marker', outputToken: 'NextMarker', moreResults: 'Truncated' } as const;

/** The key id of a described key. */
const keyId = (key: Rec) => str((key['KeyMetadata'] ?? {}) as Rec, 'KeyId');

/** The KMS collector: keys with policies, tags, aliases and grants. */
export const kms: ServiceDescriptor = {
  service: 'kms',
  scope: 'regional',
  section: 'KMS',
  client: KMSClient,
  fetches: [
    {
      field: 'Keys',
      call: call(ListKeysCommand, () => ({ Limit: 1000 })),
      paginate: markerPages,
      items: 'Keys',
      // ListKeys gives ids only; DescribeKey's whole response ({ KeyMetadata }) becomes the record.
      name: (key) => str(key, 'KeyArn') || str(key, 'KeyId') || str((key['KeyMetadata'] ?? {}) as Rec, 'Arn'),
      describe: call(DescribeKeyCommand, (key) => ({ KeyId: str(key, 'KeyId') })),
      required: true,
      details: [
        { field: 'Policy', call: call(GetKeyPolicyCommand, (key) => ({ KeyId: keyId(key), PolicyName: 'default' })), pick: 'Policy' },
        {
          field: 'Tags',
          call: call(ListResourceTagsCommand, (key) => ({ KeyId: keyId(key), Limit: 50 })),
          paginate: markerPages,
          items: 'Tags',
        },
        {
          field: 'Aliases',
          call: call(ListAliasesCommand, (key) => ({ KeyId: keyId(key), Limit: 100 })),
          paginate: markerPages,
          items: 'Aliases',
        },
        {
          field: 'Grants',
          call: call(ListGrantsCommand, (key) => ({ KeyId: keyId(key), Limit: 100 })),
          paginate: markerPages,
          items: 'Grants',
        },
      ],
    },
  ],
};
