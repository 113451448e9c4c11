// The logged-in user in the header: name, role and the logout button. DOM glue only.
import { isMessageKey } from '../i18n/index.js';
import type { Translate } from './auth-dom.js';
import type { SessionUser } from './session.js';

export class UserMenu {
  readonly element: HTMLElement;
  private readonly role: HTMLElement;
  private readonly logout: HTMLButtonElement;
  private readonly label: HTMLElement;

  constructor(doc: Document, private readonly user: SessionUser, private readonly t: Translate, onLogout: () => void) {
    const el = doc.createElement('div');
    el.className = 'user-menu';
    el.dataset.role = user.role;
    this.label = doc.createElement('span');
    this.label.className = 'visually-hidden';
    const name = doc.createElement('span');
    name.className = 'user-menu__name';
    name.textContent = user.displayName;
    name.title = user.username;
    this.role = doc.createElement('span');
    this.role.className = 'user-menu__role';
    this.logout = doc.createElement('button');
    this.logout.type = 'button';
    this.logout.className = 'user-menu__logout';
    this.logout.addEventListener('click', () => {
      this.logout.disabled = true; // one logout, however impatient the click
      onLogout();
    });
    el.append(this.label, name, this.role, this.logout);
    this.element = el;
    this.relabel();
  }

  relabel(): void {
    const roleKey = `role.${this.user.role}`;
    this.label.textContent = `${this.t('auth.userLabel')}: `;
    this.role.textContent = isMessageKey(roleKey) ? this.t(roleKey) : this.user.role;
    this.logout.textContent = this.t('auth.logout');
  }
}
