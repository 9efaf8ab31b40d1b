// Endpoint from AWS_ENDPOINT_URL_S3 when set (the local S3 emulator), else the regional one.
// Path-style addressing on both: the presigned URLs then name the bucket in the path, which S3
// accepts and which needs no per-bucket host name locally (a `bucket.127.0.0.1` host cannot resolve).
import { S3Client } from '@aws-sdk/client-s3';
import { nameNetworkFailures } from './dependency-errors.ts';

const s3Client = nameNetworkFailures(new S3Client({ forcePathStyle: true }), 'S3');

export { s3Client };
