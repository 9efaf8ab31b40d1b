import { Logger } from '@aws-lambda-powertools/logger';

// Service name and level come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL when set.
const logger = new Logger({ serviceName: 'accreditation-cycle' });

export { logger };
