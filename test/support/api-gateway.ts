/**
 * Pieces of hand-made API Gateway snapshots shared by the front-door tests: a Lambda function
 * API Gateway may invoke for one API, and the Lambda proxy integration that calls it.
 */

/** A function running as `<name>-role`; with `apiId`, its resource policy lets API Gateway invoke it for that API only. */
export function apiBackedFunction(account: string, region: string, name: string, apiId?: string) {
  const arn = `arn:aws:lambda:${region}:${account}:function:${name}`;
  const invokeFromApi = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: arn,
        Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${region}:${account}:${apiId}/*` } },
      },
    ],
  };
  return { FunctionName: name, FunctionArn: arn, Role: `arn:aws:iam::${account}:role/${name}-role`, ...(apiId ? { Policy: invokeFromApi } : {}) };
}

/** The Lambda proxy integration (POST to the function's invocations path) of a REST method. */
export function lambdaProxy(region: string, functionArn: string) {
  return { type: 'AWS_PROXY', httpMethod: 'POST', uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations` };
}
