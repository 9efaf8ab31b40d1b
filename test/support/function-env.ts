// Environment the handlers read at module load, for unit tests that import them directly.
// Imported first by each handler test so it runs before the handler modules are evaluated.
process.env.TABLE_NAME ??= 'unit-test-table';
process.env.EMAIL_FROM ??= 'network@example.org';
process.env.APP_BASE_URL ??= 'https://app.example.org';
process.env.STATE_MACHINE_ARN ??= 'arn:aws:states:us-east-1:000000000000:stateMachine:accreditation-cycle';
process.env.EVIDENCE_BUCKET_NAME ??= 'unit-test-evidence';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'unit';
process.env.AWS_SECRET_ACCESS_KEY ??= 'unit';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
