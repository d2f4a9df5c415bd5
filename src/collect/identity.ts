/**
 * Who the credentials belong to (sts:GetCallerIdentity): the account and partition every later
 * call is made for. Without an identity nothing can be collected, so failing here stops the run.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { parseArn } from '../core/arn.js';
import { call } from './engine/descriptor.js';
import { CollectionError } from './errors.js';
import { makeUnit, type AccountTarget, type Run } from './run.js';

/** The caller's account and partition; throws CollectionError when the credentials do not work. */
export async function callerIdentity(run: Run, credentials: AccountTarget['credentials']): Promise<AccountTarget> {
  const provisional: AccountTarget = { accountId: '000000000000', partition: 'aws', credentials };
  const unit = makeUnit(run, provisional, { service: 'sts', client: STSClient, region: run.options.homeRegion, recordRegion: false });
  // Not recorded: the account is not known yet, and a run that cannot say who it is writes nothing.
  const outcome = await run.engine.call(unit, { spec: call(GetCallerIdentityCommand), parent: {}, unrecorded: true });
  if (outcome.status !== 'ok') {
    const reason = outcome.status === 'gap' ? outcome.failure.message : 'no answer';
    throw new CollectionError('credentials', `cannot tell which account these credentials belong to (sts:GetCallerIdentity): ${reason}`);
  }
  const account = outcome.output['Account'];
  const arn = parseArn(String(outcome.output['Arn'] ?? ''));
  if (typeof account !== 'string' || !/^\d{12}$/.test(account)) {
    throw new CollectionError('credentials', 'sts:GetCallerIdentity returned no account id');
  }
  return { accountId: account, partition: arn?.partition ?? 'aws', credentials };
}
