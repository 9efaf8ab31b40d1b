import { requireEnv } from '#commons/env';

/** The accreditation-cycle state machine the API starts executions of. */
const stateMachineArn = requireEnv('STATE_MACHINE_ARN');

export { stateMachineArn };
