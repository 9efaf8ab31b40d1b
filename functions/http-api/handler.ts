// The HTTP API for staff, services, reviewers and committee members. On AWS an HTTP API sends
// every request here (route `$default`) except the network set-up routes, which go to
// functions/network-setup (they need the YAML and CSV parsers); locally the adapter in local/
// builds the same event and routes it the same way.
import { apiHandlerFor } from './api-handler.ts';
import { cohortRoutes } from './routes/cohorts.ts';
import { committeePackRoutes } from './routes/committee-pack.ts';
import { cycleRecordRoutes } from './routes/cycle-records.ts';
import { cycleResumeRoutes } from './routes/cycle-resume.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { handPickedTeamRoutes } from './routes/hand-picked-team.ts';
import { networkOverviewRoutes } from './routes/network-overview.ts';
import { networkRoutes } from './routes/networks.ts';
import { reviewerRoutes } from './routes/reviewers.ts';
import { evidenceFileRoutes } from './routes/evidence-files.ts';
import { selfReviewAnswerRoutes } from './routes/self-review-answers.ts';
import { serviceRoutes } from './routes/services.ts';
import { taskRoutes } from './routes/tasks.ts';
import { withdrawalRoutes } from './routes/withdrawal.ts';

// The workflow's stage routes: the self-review's answers and evidence files, standards, reviewer pool and invitations, the team and report, withdrawal, resume, the committee pack.
const workflowRoutes = [...selfReviewAnswerRoutes, ...evidenceFileRoutes, ...reviewerRoutes, ...cycleRecordRoutes, ...handPickedTeamRoutes, ...withdrawalRoutes, ...cycleResumeRoutes, ...committeePackRoutes];
const routes = [...networkRoutes, ...networkOverviewRoutes, ...serviceRoutes, ...cycleRoutes, ...cohortRoutes, ...taskRoutes, ...workflowRoutes];
const { handler, httpApi } = apiHandlerFor(routes);

export { handler, httpApi, routes };
