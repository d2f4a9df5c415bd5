/**
 * Objects the build makes by the ten thousand share V8 hidden classes: resources of one kind,
 * S3 locations and compiled condition clauses start with a field, not a spread (an object
 * literal that begins with a spread gets a hidden class of its own in Node 20, about 300 bytes
 * more per object; see Place in src/graph/facts/types.ts). Asked of V8 itself.
 */
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { lambda } from '../../src/graph/facts/lambda.js';
import { s3Location } from '../../src/graph/facts/sagemaker.js';
import type { Place } from '../../src/graph/facts/types.js';
import { compileCondition } from '../../src/iam/conditions.js';

setFlagsFromString('--allow-natives-syntax');
/** V8's own answer: do two objects have the same hidden class? */
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const places: Place[] = ['us-east-1', 'eu-west-1'].map((region) => ({ accountId: '111122223333', partition: 'aws', region }));
const shared = (objects: object[]) => objects.filter((o) => sameMap(o, objects[0]!)).length;

describe('hidden classes of objects made by the ten thousand', () => {
  it('resources of one kind share one', () => {
    const functions = places.flatMap((at, p) =>
      lambda.resources!(
        { Lambda: { Functions: Array.from({ length: 50 }, (_, i) => ({ FunctionArn: `arn:aws:lambda:${at.region}:111122223333:function:f${p}-${i}`, FunctionName: `f${p}-${i}`, Role: 'arn:aws:iam::111122223333:role/r' })) } } as never,
        at,
      ),
    );
    expect(functions).toHaveLength(100);
    expect(shared(functions)).toBe(100);
  });

  it('S3 locations of one use share one', () => {
    const base = { accountId: '111122223333', region: 'us-east-1', use: 'model-artifact' as const, by: 'arn:model', field: 'ModelDataUrl' };
    const locations = Array.from({ length: 100 }, (_, i) => s3Location(`s3://bucket-${i}/model.tar.gz`, base)[0]!);
    expect(shared(locations)).toBe(100);
  });

  it('compiled condition clauses share one', () => {
    const clauses = Array.from({ length: 100 }, (_, i) => compileCondition({ operator: 'StringEquals', key: `aws:key${i}`, keyAsWritten: `aws:Key${i}`, values: [`${i}`] }));
    expect(shared(clauses)).toBe(100);
  });
});
