// Configuration is read once, at module load: a function deployed without a variable it needs
// fails at cold start, not halfway through a cycle. There is no fallback value on purpose.
import { MissingConfigurationError } from './errors.ts';

const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') throw new MissingConfigurationError(name);
  return value;
};

/** The single application table (every function reads or writes it). */
const tableName = requireEnv('TABLE_NAME');

export { requireEnv, tableName };
