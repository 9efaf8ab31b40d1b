// The app's shell: the header for the signed-in person, the page for the address, the footer.
// Pages for other roles (issue 9's forms) slot into `routes`.
import type { ComponentChildren, VNode } from 'preact';
import { createApi } from './api/client.ts';
import { AppContext } from './app-context.ts';
import type { Auth, Session } from './auth/session.ts';
import { Role } from './auth/session.ts';
import type { AppConfig } from './config.ts';
import { Header } from './components/header.ts';
import { lazyPage } from './components/lazy-page.ts';
import type { NavItem } from './components/header.ts';
import { html } from './html.ts';
import { Board } from './pages/board.ts';
import { CyclePage } from './pages/cycle.ts';
import { Launch } from './pages/launch.ts';
import { StaffActionPage } from './pages/staff-action.ts';
import { extendAction, resumeAction, withdrawAction } from './pages/staff-actions.ts';
import { Overview } from './pages/overview.ts';
import { ReviewerInvitationPage } from './pages/reviewer-invitation.ts';
import { ReviewerRatingsPage } from './pages/reviewer-ratings.ts';
import { ReviewerVisitPage } from './pages/reviewer-visit.ts';
import { NotFoundPage, SignInPage, SignedOutPage } from './pages/start.ts';
import { TaskPage } from './pages/task.ts';
import { matchPath, useLocation } from './router.ts';

// Pages few people open are chunks of their own, fetched when first opened.
const NetworkSetupPage = lazyPage(async () => (await import('./pages/network-setup.ts')).NetworkSetupPage);
const AllocationPage = lazyPage(async () => (await import('./pages/allocation.ts')).AllocationPage);
const SelfReviewPage = lazyPage(async () => (await import('./pages/self-review.ts')).SelfReviewPage);
const SelfReviewSectionPage = lazyPage(async () => (await import('./pages/self-review-section.ts')).SelfReviewSectionPage);
const SelfReviewCheckPage = lazyPage(async () => (await import('./pages/self-review-check.ts')).SelfReviewCheckPage);
const ActionPlanPage = lazyPage(async () => (await import('./pages/action-plan.ts')).ActionPlanPage);
const PdsaPage = lazyPage(async () => (await import('./pages/pdsa.ts')).PdsaPage);
const ActionPlansPage = lazyPage(async () => (await import('./pages/action-plans.ts')).ActionPlansPage);
const DateOffersPage = lazyPage(async () => (await import('./pages/date-offers.ts')).DateOffersPage);
const FactualAccuracyPage = lazyPage(async () => (await import('./pages/factual-accuracy.ts')).FactualAccuracyPage);
const MeasurePage = lazyPage(async () => (await import('./pages/measure.ts')).MeasurePage);
const NetworkReportPage = lazyPage(async () => (await import('./pages/network-report.ts')).NetworkReportPage);
const GoodPracticePage = lazyPage(async () => (await import('./pages/good-practice.ts')).GoodPracticePage);
const GoodPracticeSharingPage = lazyPage(async () => (await import('./pages/good-practice.ts')).GoodPracticeSharingPage);

interface RouteSpec {
  path: string;
  render: (params: Record<string, string>) => VNode;
}

const routes: RouteSpec[] = [
  { path: '/', render: () => html`<${Board} />` as VNode },
  { path: '/cohorts/launch', render: () => html`<${Launch} />` as VNode },
  { path: '/networks/setup', render: () => html`<${NetworkSetupPage} />` as VNode },
  { path: '/overview', render: () => html`<${Overview} />` as VNode },
  { path: '/cycles/{cycleId}', render: ({ cycleId }) => html`<${CyclePage} cycleId=${cycleId} />` as VNode },
  // The self-review's own pages; the step's email links to /cycles/{id}/tasks/self-review.
  { path: '/cycles/{cycleId}/tasks/self-review', render: ({ cycleId }) => html`<${SelfReviewPage} cycleId=${cycleId} />` as VNode },
  { path: '/cycles/{cycleId}/self-review/sections/{section}', render: ({ cycleId, section }) => html`<${SelfReviewSectionPage} cycleId=${cycleId} section=${section} />` as VNode },
  { path: '/cycles/{cycleId}/self-review/check', render: ({ cycleId }) => html`<${SelfReviewCheckPage} cycleId=${cycleId} />` as VNode },
  // The host's date offer and the factual-accuracy check, where their steps' emails link.
  { path: '/cycles/{cycleId}/tasks/peer-review-scheduling', render: ({ cycleId }) => html`<${DateOffersPage} cycleId=${cycleId} />` as VNode },
  { path: '/cycles/{cycleId}/tasks/factual-accuracy', render: ({ cycleId }) => html`<${FactualAccuracyPage} cycleId=${cycleId} />` as VNode },
  { path: '/cycles/{cycleId}/tasks/{stage}', render: ({ cycleId, stage }) => html`<${TaskPage} cycleId=${cycleId} stage=${stage} />` as VNode },
  { path: '/cycles/{cycleId}/tasks/{stage}/extend', render: ({ cycleId, stage }) => html`<${StaffActionPage} cycleId=${cycleId} action=${extendAction(stage)} />` as VNode },
  { path: '/cycles/{cycleId}/withdraw', render: ({ cycleId }) => html`<${StaffActionPage} cycleId=${cycleId} action=${withdrawAction} />` as VNode },
  { path: '/cycles/{cycleId}/allocate', render: ({ cycleId }) => html`<${AllocationPage} cycleId=${cycleId} />` as VNode },
  // The reviewer's pages (issue 9); the invitation email links to the first.
  { path: '/cycles/{cycleId}/reviewers/{reviewerId}', render: ({ cycleId, reviewerId }) => html`<${ReviewerInvitationPage} cycleId=${cycleId} reviewerId=${reviewerId} />` as VNode },
  { path: '/cycles/{cycleId}/reviewers/{reviewerId}/visit', render: ({ cycleId, reviewerId }) => html`<${ReviewerVisitPage} cycleId=${cycleId} reviewerId=${reviewerId} />` as VNode },
  { path: '/cycles/{cycleId}/peer-ratings', render: ({ cycleId }) => html`<${ReviewerRatingsPage} cycleId=${cycleId} />` as VNode },
  // After the review (issue 13): the cycle's action plan, one action's PDSA ramp, and staff's list of every plan.
  { path: '/cycles/{cycleId}/action-plan', render: ({ cycleId }) => html`<${ActionPlanPage} cycleId=${cycleId} />` as VNode },
  { path: '/cycles/{cycleId}/action-plan/actions/{actionId}', render: ({ cycleId, actionId }) => html`<${PdsaPage} cycleId=${cycleId} actionId=${actionId} />` as VNode },
  { path: '/action-plans', render: () => html`<${ActionPlansPage} />` as VNode },
  // After the review (issue 13): a measure with its charts, and a cohort's network report (?cohortId=).
  { path: '/cycles/{cycleId}/measures/{measureId}', render: ({ cycleId, measureId }) => html`<${MeasurePage} cycleId=${cycleId} measureId=${measureId} />` as VNode },
  { path: '/networks/{networkId}/report', render: ({ networkId }) => html`<${NetworkReportPage} networkId=${networkId} />` as VNode },
  { path: '/networks/{networkId}/good-practice', render: ({ networkId }) => html`<${GoodPracticePage} networkId=${networkId} />` as VNode },
  { path: '/cycles/{cycleId}/good-practice-sharing', render: ({ cycleId }) => html`<${GoodPracticeSharingPage} cycleId=${cycleId} />` as VNode },
  { path: '/cycles/{cycleId}/resume', render: ({ cycleId }) => html`<${StaffActionPage} cycleId=${cycleId} action=${resumeAction} />` as VNode },
];

const navigationFor = (session?: Session): NavItem[] => {
  if (!session) return [];
  const seesAll = session.user.roles.includes(Role.staff) || session.user.roles.includes(Role.committee);
  const items: NavItem[] = [{ href: '/', text: seesAll ? 'Cohort board' : 'Your review cycles' }];
  if (session.user.roles.includes(Role.staff)) {
    items.push({ href: '/overview', text: 'Network overview' }, { href: '/action-plans', text: 'Action plans' }, { href: '/cohorts/launch', text: 'Launch a cohort' }, { href: '/networks/setup', text: 'Set up a network' });
  }
  return items;
};

const Footer = ({ config }: { config: AppConfig }) => html`<footer role="contentinfo">
  <div class="nhsuk-footer">
    <div class="nhsuk-width-container">
      <h2 class="nhsuk-u-visually-hidden">Support links</h2>
      <div class="nhsuk-footer__list">
        <ul class="nhsuk-footer__list">
          ${(config.links ?? []).map((link) => html`<li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href=${link.href} data-external>${link.text}</a></li>`)}
        </ul>
      </div>
      <p class="nhsuk-body-s">Accreditation-cycle orchestrator · open source</p>
    </div>
  </div>
</footer>`;

const Shell = ({ config, session, auth, children }: { config: AppConfig; session?: Session; auth: Auth; children: ComponentChildren }) => {
  const { path } = useLocation();
  return html`
    <${Header} user=${session?.user} navigation=${navigationFor(session)} currentPath=${path} onSignOut=${() => auth.signOut()} />
    <div class="nhsuk-width-container">${children}</div>
    <${Footer} config=${config} />
  `;
};

const App = ({ config, auth, session }: { config: AppConfig; auth: Auth; session?: Session }) => {
  const { path } = useLocation();
  const signIn = () => auth.signIn(`${location.pathname}${location.search}`);
  if (!session) {
    const page = path === '/signed-out' ? html`<${SignedOutPage} onSignIn=${() => auth.signIn('/')} />` : html`<${SignInPage} onSignIn=${signIn} />`;
    return html`<${Shell} config=${config} auth=${auth}>${page}<//>`;
  }
  const found = routes.map((route) => ({ route, params: matchPath(route.path, path) })).find((candidate) => candidate.params);
  return html`<${AppContext.Provider} value=${{ api: createApi(config.apiBase, session), config, session }}>
    <${Shell} config=${config} session=${session} auth=${auth}>
      ${found?.params ? found.route.render(found.params) : html`<${NotFoundPage} />`}
    <//>
  <//>`;
};

export { App };
