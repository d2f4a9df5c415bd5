/**
 * Snapshot v1 `organization`: AWS Organizations structure and its authorization policies
 * (SCPs and RCPs), as the Organizations API returns them. Lets evaluation apply every level of
 * an account's OU path. Collected from the management or a delegated-admin account.
 */
import { z } from 'zod';
import { PolicyDocument } from './policy-document.js';

const text = z.string();
const optionalText = z.string().optional();
/** ListParents `Parents[]`: the OU or root directly above. */
const Parents = z.array(z.looseObject({ Id: text, Type: optionalText })).default([]);

export const OrganizationData = z.looseObject({
  /** DescribeOrganization `Organization`. */
  Organization: z.looseObject({ Id: text, Arn: optionalText, MasterAccountId: optionalText, FeatureSet: optionalText }),
  /** ListRoots `Roots`. */
  Roots: z.array(z.looseObject({ Id: text, Arn: optionalText, Name: optionalText })).default([]),
  /** ListOrganizationalUnitsForParent, every level, with ListParents. */
  OrganizationalUnits: z.array(z.looseObject({ Id: text, Arn: optionalText, Name: optionalText, Parents })).default([]),
  /** ListAccounts `Accounts`, with ListParents. */
  Accounts: z.array(z.looseObject({ Id: text, Arn: optionalText, Name: optionalText, Status: optionalText, Parents })).default([]),
  /**
   * ListPolicies (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY) + DescribePolicy `Policy`
   * (`PolicySummary`, `Content`), with ListTargetsForPolicy `Targets`.
   */
  Policies: z
    .array(
      z.looseObject({
        PolicySummary: z.looseObject({ Id: text, Arn: optionalText, Name: optionalText, Type: text, AwsManaged: z.boolean().optional() }),
        Content: PolicyDocument,
        Targets: z.array(z.looseObject({ TargetId: text, Arn: optionalText, Name: optionalText, Type: optionalText })).default([]),
      }),
    )
    .default([]),
});

export type OrganizationData = z.output<typeof OrganizationData>;
