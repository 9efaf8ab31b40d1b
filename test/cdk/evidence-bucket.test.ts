// The evidence bucket (issue 9): private, encrypted, TLS only, access-logged, CORS for the web
// app's origin alone, abandoned uploads cleaned up; and only the functions whose catalogue entry
// signs evidence files may touch it, with Put and Get under evidence/ and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { EnvVar } from '#contracts/environment';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { actionsOf, roleOfFunction, statementsOfRole } from './iam-statements.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

const catalogue = functionCatalogue as readonly FunctionSpec[];

describe.each(['dev', 'prod'] as const)('Evidence bucket (%s)', (stage) => {
  let synthesized: SynthesizedDeployment;
  const evidenceBucket = () => {
    const buckets = synthesized.templates.data.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } });
    const entries = Object.entries(buckets);
    expect(entries).toHaveLength(1);
    return entries[0];
  };

  beforeAll(() => {
    synthesized = synthDeployment(stage);
  });

  it('blocks public access, encrypts at rest, logs access and keeps versions', () => {
    // Act
    const [, bucket] = evidenceBucket();
    // Assess
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: expect.anything() },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('allows browsers from the web app\'s origin only, to POST and GET', () => {
    // Act
    const [, bucket] = evidenceBucket();
    // Assess
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedOrigins: ['https://reviews.example.org'], AllowedMethods: ['POST', 'GET', 'HEAD'] }),
    ]);
  });

  it('aborts abandoned multipart uploads and expires old versions', () => {
    // Act
    const [, bucket] = evidenceBucket();
    // Assess
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' }),
    ]));
  });

  it('denies every request not over TLS', () => {
    // Act
    const [logicalId] = evidenceBucket();
    // Assess
    synthesized.templates.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it.for(catalogue.map((spec) => [spec.name, spec] as const))('%s: S3 actions only if it signs evidence files, Put and Get under evidence/', ([, spec]) => {
    // Prepare
    const functionName = `${synthesized.config.prefix}-${spec.name}`;
    const statements = statementsOfRole(synthesized.templates.workflow, roleOfFunction(synthesized.templates.workflow, functionName));
    const [fn] = Object.values(synthesized.templates.workflow.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } }));
    // Act
    const s3Statements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')));
    const environment = fn.Properties.Environment.Variables as Record<string, unknown>;
    // Assess
    if (spec.needs.signsEvidenceFiles !== true) {
      expect(s3Statements).toEqual([]);
      expect(environment[EnvVar.evidenceBucketName]).toBeUndefined();
      return;
    }
    expect(s3Statements.map((statement) => [...actionsOf(statement)].sort())).toEqual([['s3:GetObject', 's3:PutObject']]);
    expect(JSON.stringify(s3Statements[0].Resource)).toMatch(new RegExp(`${synthesized.config.prefix}-evidence-.*/evidence/\\*`));
    expect(JSON.stringify(environment[EnvVar.evidenceBucketName])).toContain(`${synthesized.config.prefix}-evidence-`);
  });
});
