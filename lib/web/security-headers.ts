// The response headers every page and API answer carries. The app ships no inline script, so the
// CSP allows scripts from this origin only; the browser talks to this origin (the API is under
// /api/*), to the Cognito domain (the code-for-token exchange of the sign-in) and to the regional
// S3 endpoint, where evidence files are posted with a presigned POST (path-style, so one origin).
import { Aws, Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

interface SecurityHeadersProps {
  name: string;
  /** `https://<domain>.auth.<region>.amazoncognito.com`, the token endpoint the app calls. */
  signInOrigin: string;
}

const contentSecurityPolicy = (signInOrigin: string): string => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self' ${signInOrigin} https://s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
  `form-action 'self' ${signInOrigin}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const securityHeadersPolicy = (scope: Construct, id: string, props: SecurityHeadersProps): ResponseHeadersPolicy =>
  new ResponseHeadersPolicy(scope, id, {
    responseHeadersPolicyName: props.name,
    comment: 'CSP without inline scripts, HSTS, no framing, no MIME sniffing',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.signInOrigin), override: true },
      // Two years, the HSTS preload list's minimum; every subdomain is HTTPS-only too.
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
  });

export { contentSecurityPolicy, securityHeadersPolicy };
export type { SecurityHeadersProps };
