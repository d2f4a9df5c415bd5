/**
 * Snapshot v1 sections for compute that runs as a role and that techniques take over: Glue
 * development endpoints and jobs, CodeBuild projects, CloudFormation stacks and stack sets (ECS and App
 * Runner are in schema-containers.ts). Verbatim AWS API response shapes, loose objects:
 * fields we do not read are kept. docs/snapshot.md names the API call behind each field.
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().optional();

/** glue:GetDevEndpoints `DevEndpoints[]`. */
export const GlueDevEndpoint = z.looseObject({ EndpointName: text, RoleArn: optionalText, Status: optionalText });

/** glue:GetJobs `Jobs[]`; `Role` is a role name or ARN, as Glue accepts both. */
export const GlueJob = z.looseObject({
  Name: text,
  Role: optionalText,
  Command: z.looseObject({ Name: optionalText, ScriptLocation: optionalText }).optional(),
  /** Job arguments (`--db_password`...): redacted. */
  DefaultArguments: z.record(z.string(), z.string()).optional(),
  /** Arguments a run cannot override: redacted like the default ones. */
  NonOverridableArguments: z.record(z.string(), z.string()).optional(),
});

/** codebuild:BatchGetProjects `projects[]`. */
export const CodeBuildProject = z.looseObject({
  name: text,
  arn: optionalText,
  serviceRole: optionalText,
  /** `PLAINTEXT` variables are redacted; `PARAMETER_STORE` and `SECRETS_MANAGER` ones are references. */
  environment: z.looseObject({ environmentVariables: z.array(z.looseObject({ name: optionalText, value: optionalText, type: optionalText })).optional() }).optional(),
});

/** cloudformation:DescribeStacks `Stacks[]`; `RoleARN` is absent when the stack uses the caller's credentials. */
export const CloudFormationStack = z.looseObject({
  StackName: text,
  StackId: optionalText,
  RoleARN: optionalText,
  StackStatus: optionalText,
  /** Parameter values are redacted (NoEcho ones already come back as `****`). */
  Parameters: z.array(z.looseObject({ ParameterKey: optionalText, ParameterValue: optionalText })).optional(),
});

/**
 * cloudformation:DescribeStackSet `StackSet`, with ListStackInstances `Summaries` as
 * `StackInstances` (the accounts and Regions an update reaches). The collector keeps neither the
 * template body nor parameter values (templates and parameters can hold secrets); a snapshot from
 * elsewhere that has them gets its parameter values redacted.
 */
export const CloudFormationStackSet = z.looseObject({
  StackSetName: text,
  StackSetId: optionalText,
  StackSetARN: optionalText,
  Status: optionalText,
  /** `SELF_MANAGED` (administration and execution roles) or `SERVICE_MANAGED` (StackSets' own roles in the organization's accounts). */
  PermissionModel: optionalText,
  AdministrationRoleARN: optionalText,
  ExecutionRoleName: optionalText,
  Parameters: z.array(z.looseObject({ ParameterKey: optionalText, ParameterValue: optionalText })).optional(),
  StackInstances: z.array(z.looseObject({ Account: optionalText, Region: optionalText, Status: optionalText, OrganizationalUnitId: optionalText })).optional(),
});

/**
 * autoscaling:DescribeAutoScalingGroups `AutoScalingGroups[]`, with ec2:DescribeLaunchTemplateVersions
 * of the version each group launches from as `LaunchTemplateVersions` (its instance profile only:
 * user data is never kept).
 */
export const AutoScalingGroup = z.looseObject({
  AutoScalingGroupName: text,
  AutoScalingGroupARN: optionalText,
  LaunchTemplate: z.looseObject({ LaunchTemplateId: optionalText, LaunchTemplateName: optionalText, Version: optionalText }).optional(),
  MixedInstancesPolicy: z
    .looseObject({ LaunchTemplate: z.looseObject({ LaunchTemplateSpecification: z.looseObject({ LaunchTemplateId: optionalText, LaunchTemplateName: optionalText, Version: optionalText }).optional() }).optional() })
    .optional(),
  LaunchTemplateVersions: z
    .array(z.looseObject({ LaunchTemplateId: optionalText, LaunchTemplateName: optionalText, VersionNumber: z.number().optional(), IamInstanceProfile: z.looseObject({ Arn: optionalText, Name: optionalText }).optional() }))
    .optional(),
});

/** Regional sections added by this module; merged into RegionData in schema.ts. */
export const ComputeSections = {
  Glue: z.looseObject({ DevEndpoints: z.array(GlueDevEndpoint).default([]), Jobs: z.array(GlueJob).default([]) }).optional(),
  CodeBuild: z.looseObject({ Projects: z.array(CodeBuildProject).default([]) }).optional(),
  AutoScaling: z.looseObject({ AutoScalingGroups: z.array(AutoScalingGroup).optional() }).optional(),
  CloudFormation: z.looseObject({ Stacks: z.array(CloudFormationStack).default([]), StackSets: z.array(CloudFormationStackSet).optional() }).optional(),
};
