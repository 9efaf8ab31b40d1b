// The evidence bucket (issue 9): files a service uploads beside its self-review and deferral
// evidence. Private (no public access, objects owned by the bucket, no ACLs), encrypted at rest,
// TLS only, access-logged. Browsers reach it only with presigned requests the API signs, from the
// web app's origin (CORS); an upload that never became an answer's evidence is not kept for ever.
import { Duration } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { resourceNames } from '../config/resource-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledge } from '../nag.ts';

interface EvidenceBucketProps {
  config: StageConfig;
}

/** A presigned POST or GET is valid for minutes (functions/commons/data/evidence-files.ts): browsers may cache the preflight that long. */
const CORS_MAX_AGE_SECONDS = 600;

const privateBucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
} as const;

class EvidenceBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    const { config } = props;
    // Log delivery through a bucket policy for the logging service, not the legacy LogDeliveryWrite
    // ACL (which needs ACLs enabled): set here so it holds whatever the app's cdk.json says.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucketProps,

      removalPolicy: config.removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    });
    acknowledge(accessLogs, 'AwsSolutions-S1', 'This is the access-log bucket of the evidence bucket; logging its own access would log the logs.');
    this.bucket = new Bucket(this, 'Bucket', {
      ...privateBucketProps,
      // Names carry the account and region: bucket names are global.
      bucketName: resourceNames(config).evidenceBucket,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: config.removalPolicy,
      cors: [{
        allowedOrigins: [new URL(config.appBaseUrl).origin],
        // POST: the upload form; GET/HEAD: the download link. Nothing else crosses from the browser.
        allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag', 'Location'],
        maxAge: CORS_MAX_AGE_SECONDS,
      }],
      lifecycleRules: [
        // A multipart upload left half-way is billed until aborted.
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // A file replaced or removed from an answer keeps an older version; cycles last three years with their evidence.
        { noncurrentVersionExpiration: Duration.days(90) },
      ],
    });
  }
}


export { EvidenceBucket };
export type { EvidenceBucketProps };
