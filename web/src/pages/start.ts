// Pages for someone not signed in: the start page (sign in) and the page after signing out.
import { Page } from '../components/page.ts';
import { html } from '../html.ts';

const SignInPage = ({ onSignIn }: { onSignIn: () => void }) => html`<${Page} title="Sign in to accreditation cycles">
  <p class="nhsuk-body">Network staff run the review cycles here. Services, reviewers and the committee see the steps they owe.</p>
  <button class="nhsuk-button" type="button" onClick=${onSignIn}>Sign in</button>
<//>`;

const SignedOutPage = ({ onSignIn }: { onSignIn: () => void }) => html`<${Page} title="You have signed out">
  <p class="nhsuk-body">Close the browser if you are using a shared computer.</p>
  <button class="nhsuk-button nhsuk-button--secondary" type="button" onClick=${onSignIn}>Sign in again</button>
<//>`;

const NotFoundPage = () => html`<${Page} title="Page not found">
  <p class="nhsuk-body">If you typed the web address, check it is correct.</p>
  <p class="nhsuk-body"><a class="nhsuk-link" href="/">Go to the cohort board</a></p>
<//>`;

export { NotFoundPage, SignInPage, SignedOutPage };
