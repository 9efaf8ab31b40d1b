// "Today" for deadlines is the workflow's today: locally the runtime's clock can be moved forward
// days at a time, so the board reads it from config.clockUrl; on AWS it is the real time.
import type { AppConfig } from './config.ts';

const workflowNow = async (config: AppConfig): Promise<Date> => {
  if (!config.clockUrl) return new Date();
  const response = await fetch(config.clockUrl);
  if (!response.ok) return new Date();
  const { now } = (await response.json()) as { now?: string };
  return now ? new Date(now) : new Date();
};

export { workflowNow };
