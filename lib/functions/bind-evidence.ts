// Gives a function the evidence bucket's name and exactly what presigning needs, in one call: a
// presigned POST is authorised as the signer's s3:PutObject, a presigned GET and HeadObject as its
// s3:GetObject, and only under evidence/ (src/evidence-files.ts keys). No List, no Delete, no ACLs.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Aws } from 'aws-cdk-lib';
import { EnvVar } from '#contracts/environment';
import { acknowledge } from '../nag.ts';

interface BindEvidenceBucketProps {
  fn: LambdaFunction;
  bucketName: string;
}

/** The keys the API hands out: evidence/<cycleId>/<stage>/<standardId>/<fileId>. */
const EVIDENCE_KEY_PATTERN = 'evidence/*';

/** The name's pseudo-parameter tokens as cdk-nag prints them in a finding (`<AWS::AccountId>`). */
const asNagPrintsIt = (name: string): string =>
  name.replace(/\$\{Token\[AWS\.(AccountId|Region)\.\d+\]\}/g, (_token, parameter: string) => `<AWS::${parameter}>`);

const bindEvidenceBucket = ({ fn, bucketName }: BindEvidenceBucketProps): void => {
  fn.addEnvironment(EnvVar.evidenceBucketName, bucketName);
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['s3:PutObject', 's3:GetObject'],
    resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}/${EVIDENCE_KEY_PATTERN}`],
  }));
  if (fn.role !== undefined) {
    acknowledge(fn.role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${asNagPrintsIt(bucketName)}/${EVIDENCE_KEY_PATTERN}]`,
      'Evidence keys are made per upload (evidence/<cycle>/<stage>/<standard>/<uuid>); the grant is Put and Get under that prefix of the one bucket only.');
  }
};

export { bindEvidenceBucket };
export type { BindEvidenceBucketProps };
