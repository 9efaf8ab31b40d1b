// Evidence files in the evidence bucket (issue 9). Nothing passes through the API: the browser
// posts the file straight to S3 with a presigned POST whose signed policy fixes the key, the
// content type and the size range, and reads it back with a presigned GET. Both expire within
// minutes; S3 refuses anything the policy does not allow (EntityTooLarge, AccessDenied).
import { GetObjectCommand, HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { EnvVar } from '#contracts/environment';
import type { EvidenceContentType } from '#core/evidence-files';
import { s3Client } from '../clients/s3.ts';
import { requireEnv } from '../env.ts';

const evidenceBucketName = requireEnv(EnvVar.evidenceBucketName);

/** Long enough to pick a 20 MB file and send it on a slow ward connection; short enough that a leaked form is soon useless. */
const UPLOAD_EXPIRES_SECONDS = 10 * 60;
/** A download starts as soon as the link is made: one minute is plenty. */
const DOWNLOAD_EXPIRES_SECONDS = 60;

interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** A presigned POST for exactly one key, one content type and at most `maxBytes` bytes. */
const presignUpload = async (key: string, contentType: EvidenceContentType, maxBytes: number, at: Date): Promise<PresignedUpload> => {
  const { url, fields } = await createPresignedPost(s3Client, {
    Bucket: evidenceBucketName,
    Key: key,
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_EXPIRES_SECONDS,
  });
  return { url, fields, expiresAt: new Date(at.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString() };
};

/** RFC 6266: an ASCII fallback name and the UTF-8 one, so "Ward audit – März.xlsx" keeps its name. */
const attachmentOf = (name: string): string => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

/** A presigned GET that downloads the file under its own name (never shown inline: the app's origin is not the bucket's). */
const presignDownload = async (key: string, name: string, at: Date): Promise<{ url: string; expiresAt: string }> => {
  const url = await getSignedUrl(s3Client, new GetObjectCommand({ Bucket: evidenceBucketName, Key: key, ResponseContentDisposition: attachmentOf(name) }), {
    expiresIn: DOWNLOAD_EXPIRES_SECONDS,
  });
  return { url, expiresAt: new Date(at.getTime() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString() };
};

/** What S3 holds under `key` (its real size and type), or undefined when nothing was uploaded there. */
const storedFile = async (key: string): Promise<{ size: number; contentType: string } | undefined> => {
  try {
    const head = await s3Client.send(new HeadObjectCommand({ Bucket: evidenceBucketName, Key: key }));
    return { size: Number(head.ContentLength ?? 0), contentType: head.ContentType ?? '' };
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
};

export { presignDownload, presignUpload, storedFile, UPLOAD_EXPIRES_SECONDS };
export type { PresignedUpload };
