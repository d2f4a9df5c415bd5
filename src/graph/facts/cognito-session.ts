/**
 * The session policies Cognito applies to guests' credentials in the enhanced (simplified)
 * flow: a guest's permissions are the intersection of the unauthenticated role's policies, an
 * inline session policy of allowed services and the AWS managed policy
 * AmazonCognitoUnAuthedIdentitiesSessionPolicy (Cognito developer guide, "IAM roles", access
 * policies; AWS managed policy reference, v3). The basic (classic) flow applies neither: the
 * caller assumes the role itself. Documents as AWS publishes them; compiled per build.
 */
import { compilePolicy, type CompiledPolicy } from '../../iam/index.js';

/** Services the inline session policy lets guests call. */
const INLINE_SERVICES = [
  'cloudwatch:*', 'logs:*', 'dynamodb:*', 'kinesis:*', 'mobileanalytics:*', 's3:*', 'ses:*', 'sns:*', 'sqs:*', 'lambda:*',
  'machinelearning:*', 'execute-api:*', 'iot:*', 'gamelift:*', 'cognito-identity:*', 'cognito-idp:*', 'lex:*', 'polly:*',
  'comprehend:*', 'translate:*', 'transcribe:*', 'rekognition:*', 'mobiletargeting:*', 'firehose:*', 'appsync:*',
  'personalize:*', 'sagemaker:InvokeEndpoint', 'cognito-sync:*', 'codewhisperer:*', 'textract:DetectDocumentText',
  'textract:AnalyzeDocument', 'sdb:*',
];

/** AmazonCognitoUnAuthedIdentitiesSessionPolicy (v3). */
const MANAGED_ACTIONS = [
  'rum:PutRumEvents', 'sagemaker:InvokeEndpoint', 'polly:*', 'comprehend:*', 'translate:*', 'transcribe:*', 'rekognition:*',
  'mobiletargeting:*', 'firehose:*', 'personalize:*', 'geo:GetMap*', 'geo:SearchPlaceIndex*', 'geo:GetPlace',
  'geo:CalculateRoute*', 'geo:*Geofence', 'geo:*Geofences', 'geo:*DevicePosition*', 'kms:Encrypt', 'kms:Decrypt',
  'kms:ReEncryptTo', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext',
];

/** The two session policies of a guest's enhanced-flow credentials. */
export function guestSessionPolicies(): CompiledPolicy[] {
  return [
    compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: INLINE_SERVICES, Resource: '*' }] }, { kind: 'session', id: 'cognito:enhanced-flow-session-policy' }),
    compilePolicy(
      { Version: '2012-10-17', Statement: [{ Sid: 'CognitoUnAuthedIdentitiesSessionPolicy', Effect: 'Allow', Action: MANAGED_ACTIONS, Resource: '*' }] },
      { kind: 'session', id: 'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy' },
    ),
  ];
}
