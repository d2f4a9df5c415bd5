/**
 * Serverless API services: an execution role shared by the service's functions, scoped to its
 * own table, queue, parameters and secret; functions invoked by API Gateway or EventBridge; a
 * GitHub Actions role pinned to the service's repository that deploys only its functions. A
 * small fraction are webhook receivers behind a public function URL, whose role only queues.
 */
import { allow, arn, doc, trust, type Statement } from '../documents.js';
import { serviceName, type AccountContext } from '../context.js';
import { ALPHABETS, token } from '../random.js';
import { lambdaFunction, publicUrlStatements, secret, secretArn, serviceInvoke } from '../resources.js';

const VERBS = ['create', 'get', 'list', 'update', 'delete', 'handler', 'worker', 'consumer', 'authorizer', 'scheduler', 'backfill', 'notify'];

/** Fraction of services that expose one function through a public URL. */
const PUBLIC_URL_SHARE = 0.02;

/** Adds one API service; returns the number of roles it added. */
export function addApiService(ctx: AccountContext): number {
  const { b, account, rng, place, shared } = ctx;
  const name = serviceName(ctx);
  const region = place.region;
  const isPublic = rng.chance(PUBLIC_URL_SHARE);
  const table = arn.table(account.id, region, name);
  const queue = arn.queue(account.id, region, `${name}-jobs`);
  const statements: Statement[] = [
    allow('Table', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', ...(isPublic ? [] : ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])], [table, `${table}/index/*`]),
    allow('Queue', ['sqs:SendMessage', 'sqs:GetQueueAttributes', ...(isPublic ? [] : ['sqs:ReceiveMessage', 'sqs:DeleteMessage'])], queue),
  ];
  let secretName: string | undefined;
  if (!isPublic) {
    statements.push(allow('Config', ['ssm:GetParameter', 'ssm:GetParametersByPath'], `arn:aws:ssm:${region}:${account.id}:parameter/${name}/*`));
    if (rng.chance(0.5)) {
      secretName = `${account.env}/${name}/${rng.pick(['db-credentials', 'api-key', 'signing-key'])}`;
      statements.push(allow('ReadOwnSecret', ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], secretArn(account.id, region, secretName)));
    }
    if (rng.chance(0.3)) {
      statements.push(allow('Exports', ['s3:PutObject', 's3:GetObject'], arn.objects(ctx.artifactsBucket, `exports/${name}/`), rng.chance(0.5) ? { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } : undefined));
    }
    if (rng.chance(0.2)) {
      statements.push(allow('Notify', 'sns:Publish', arn.topic(account.id, region, `${name}-events`)));
    }
  }
  const bounded = rng.chance(0.3);
  const role = b.role({
    name: `${name}-lambda-role`,
    ...(bounded ? { path: '/app/', boundary: shared.boundary } : {}),
    trust: trust.service('lambda.amazonaws.com'),
    managed: [rng.chance(0.6) ? b.aws('AWSLambdaBasicExecutionRole') : shared.lambdaLogs, ...(rng.chance(0.2) ? [b.aws('AWSLambdaVPCAccessExecutionRole')] : [])],
    inline: { [name]: doc(...statements) },
    tags: { service: name, env: account.env },
    created: rng.date(2021, 2026),
  });
  if (secretName) place.parts.SecretsManager.SecretList.push(secret(account.id, region, secretName, { created: rng.date(2021, 2026), rotationDays: rng.chance(0.5) ? 30 : undefined, tags: { service: name } }));

  const apiId = token(`${account.id}:${name}:api`, 10, ALPHABETS.lowerAlnum);
  const addFunction = (index: number, publicUrl: boolean) => {
    const fnName = `${name}-${VERBS[index % VERBS.length]}${index >= VERBS.length ? `-${index}` : ''}`;
    const fnArn = arn.fn(account.id, region, fnName);
    const trigger = publicUrl
      ? publicUrlStatements(fnArn)
      : rng.chance(0.7)
        ? [serviceInvoke(`apigw-${index}`, 'apigateway.amazonaws.com', fnArn, `arn:aws:execute-api:${region}:${account.id}:${apiId}/*`, account.id)]
        : rng.chance(0.6)
          ? [serviceInvoke(`events-${index}`, 'events.amazonaws.com', fnArn, `arn:aws:events:${region}:${account.id}:rule/${name}-*`, account.id)]
          : [];
    place.parts.Lambda.Functions.push(
      lambdaFunction(account.id, region, fnName, {
        role,
        modified: rng.date(2024, 2026),
        env: { TABLE_NAME: name, QUEUE_URL: `https://sqs.${region}.amazonaws.com/${account.id}/${name}-jobs`, LOG_LEVEL: rng.pick(['INFO', 'WARN']), POWERTOOLS_SERVICE_NAME: name },
        statements: trigger,
        publicUrl,
        tags: { service: name },
      }),
    );
  };
  let functions = rng.int(2, 6);
  for (let i = 0; i < functions; i++) addFunction(i, isPublic && i === 0);
  ctx.growers.push((n) => {
    for (let i = 0; i < n; i++) addFunction(functions++, false);
    return n;
  });

  const github = b.oidcProvider('token.actions.githubusercontent.com');
  b.role({
    name: `gha-${name}`,
    trust: trust.github(github, `repo:${ctx.org.company}-corp/${name}:ref:refs/heads/main`),
    inline: {
      deploy: doc(
        allow('Deploy', ['lambda:UpdateFunctionCode', 'lambda:PublishVersion', 'lambda:UpdateAlias', 'lambda:GetFunction'], `arn:aws:lambda:${region}:${account.id}:function:${name}-*`),
        allow('Upload', 's3:PutObject', arn.objects(ctx.artifactsBucket, `${name}/`)),
      ),
    },
    tags: { repo: `${ctx.org.company}-corp/${name}` },
    created: rng.date(2023, 2026),
  });
  return 2;
}
