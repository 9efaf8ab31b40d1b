// The NHS.UK header with the service name, the signed-in person and the staff navigation
// (nhsuk-frontend "with service name, account, navigation").
import type { SignedInUser } from '../auth/session.ts';
import { html } from '../html.ts';

const NHS_LOGO_PATH =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

interface NavItem {
  href: string;
  text: string;
}

interface HeaderProps {
  user?: SignedInUser;
  navigation: NavItem[];
  currentPath: string;
  onSignOut: () => void;
}

/** The role and organisation, unless the name already says them (the local picker's labels do). */
const roleText = (user: SignedInUser): string | undefined => {
  const text = [user.roles.length === 0 && 'No role', user.organisationId && `Organisation ${user.organisationId}`].filter(Boolean).join(' · ');
  return text && !user.name.includes(user.organisationId ?? '\u0000') ? text : undefined;
};

const Header = ({ user, navigation, currentPath, onSignOut }: HeaderProps) => html`
  <header class="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">
        <a class="nhsuk-header__service-logo" href="/" aria-label="Accreditation cycles homepage">
          <svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
            <title>NHS</title>
            <path fill="currentcolor" d=${NHS_LOGO_PATH}></path>
          </svg>
          <span class="nhsuk-header__service-name">Accreditation cycles</span>
        </a>
      </div>
      ${user &&
      html`<nav class="nhsuk-header__account" aria-label="Account">
        <ul class="nhsuk-header__account-list">
          <li class="nhsuk-header__account-item">${user.name}</li>
          ${roleText(user) && html`<li class="nhsuk-header__account-item">${roleText(user)}</li>`}
          <li class="nhsuk-header__account-item">
            <button type="button" class="nhsuk-header__account-button" onClick=${onSignOut}>Sign out</button>
          </li>
        </ul>
      </nav>`}
    </div>
    ${navigation.length > 0 &&
    html`<nav class="nhsuk-header__navigation" aria-label="Menu">
      <div class="nhsuk-header__navigation-container nhsuk-width-container">
        <ul class="nhsuk-header__navigation-list">
          ${navigation.map((item) => {
            const current = item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href);
            return html`<li class=${`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}>
              <a class="nhsuk-header__navigation-link" href=${item.href} aria-current=${current ? 'page' : undefined}>${item.text}</a>
            </li>`;
          })}
        </ul>
      </div>
    </nav>`}
  </header>
`;

export { Header };
export type { NavItem };
