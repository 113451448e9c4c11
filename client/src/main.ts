// The Beat Atlas client's shell: language switch, health badge, and the screen the session calls for
// (login, TOTP enrolment, or the map workspace in workspace/workspace.ts). Everything testable lives
// in the pure modules.
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { addProtocol } from 'maplibre-gl';
import { summariseHealth } from './health.js';
import { HTML_LANG, i18n, isLang, isMessageKey, t, type Lang } from './i18n/index.js';
import type { FetchLike } from './workspace/api.js';
import type { ScreenMessage } from './auth/auth-dom.js';
import { EnrolmentScreen } from './auth/enrolment-screen.js';
import { LoginScreen } from './auth/login-screen.js';
import { createAuthApi, withSession, type SessionInfo } from './auth/session.js';
import { UserMenu } from './auth/user-menu.js';
import { GLYPH_PROTOCOL } from './map/fonts.js';
import { createGlyphProtocolHandler } from './map/local-glyphs.js';
import { fetchJson, hideStatus, showStatus } from './status.js';
import { startWorkspace } from './workspace/workspace.js';

/** Sets text and attributes of elements marked data-i18n / data-i18n-<attr> from the catalogue. */
function translateDom(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n;
    if (isMessageKey(key)) el.textContent = t(key);
  }
  for (const attr of ['aria-label', 'title'] as const) {
    const dataKey = `i18n${attr === 'title' ? 'Title' : 'AriaLabel'}` as const;
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) {
      const key = el.dataset[dataKey];
      if (isMessageKey(key)) el.setAttribute(attr, t(key));
    }
  }
}

function applyLanguage(lang: Lang): void {
  document.documentElement.lang = HTML_LANG[lang];
  document.title = t('app.documentTitle');
  translateDom(document);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

async function updateHealth(): Promise<void> {
  const badge = document.getElementById('health');
  if (!badge) return;
  let body: unknown = null;
  try {
    body = await fetchJson('/api/health', 8_000);
  } catch {
    body = null;
  }
  const render = () => {
    const summary = summariseHealth(body);
    badge.dataset.state = summary.state;
    const label = badge.querySelector<HTMLElement>('.health__label');
    if (label) {
      delete label.dataset.i18n; // the badge's own text from now on, not the static placeholder
      label.textContent = t(summary.labelKey);
    }
    if (summary.detail) {
      badge.title = t('health.detail', {
        mode: summary.detail.mode,
        postgis: summary.detail.postgis ?? t('health.no'),
        schemaVersion: summary.detail.schemaVersion ?? '—',
      });
    } else {
      badge.removeAttribute('title');
    }
  };
  render();
  i18n.onChange(render);
}

/**
 * The app: health badge and language switch always; then the screen the session calls for — login,
 * TOTP enrolment, or the workspace. Nothing of the map (style, TileJSON, tiles) is requested before
 * there is a full session.
 */
function main(): void {
  applyLanguage(i18n.lang);
  void updateHealth();
  addProtocol(GLYPH_PROTOCOL, createGlyphProtocolHandler());

  let session: SessionInfo | null = null;
  const plainFetch: FetchLike = (input, init) => window.fetch(input, init);
  const auth = createAuthApi(plainFetch, () => session?.csrfToken ?? null);
  const screenParent = document.querySelector<HTMLElement>('.app-main') ?? document.body;
  const headerTools = document.querySelector<HTMLElement>('.header-tools') ?? document.body;

  type ScreenKind = 'none' | 'login' | 'enrol' | 'workspace';
  let screen: { kind: ScreenKind; dispose: () => void } = { kind: 'none', dispose: () => {} };
  const show = (kind: ScreenKind, dispose: () => void) => {
    screen.dispose();
    screen = { kind, dispose };
  };

  /** The header's user and logout button while logged in; returns its removal. */
  const mountUserMenu = (info: SessionInfo): (() => void) => {
    const menu = new UserMenu(document, info.user, t, () => void logout());
    headerTools.insertBefore(menu.element, headerTools.querySelector('.lang-switch'));
    const off = i18n.onChange(() => menu.relabel());
    return () => {
      off();
      menu.element.remove();
    };
  };

  /** Mounts a login or enrolment screen: the map area shows it instead of the map. */
  const mountScreen = (element: HTMLElement, relabel: () => void): (() => void) => {
    document.body.dataset.screen = element.id;
    screenParent.append(element);
    const off = i18n.onChange(relabel);
    return () => {
      off();
      element.remove();
      delete document.body.dataset.screen;
    };
  };

  const showLogin = (notice: ScreenMessage | null = null) => {
    session = null;
    const login = new LoginScreen(document, { auth, t, notice, onLoggedIn: route });
    show('login', mountScreen(login.element, () => login.relabel()));
    login.focus();
  };

  /**
   * Any 401 from the API once logged in: the session is over (idle timeout, revoked, logged out in
   * another tab). Tear the workspace down once and ask for a login; requests still in flight that
   * answer 401 afterwards find the login screen and change nothing — no loop.
   */
  const sessionEnded = () => {
    if (screen.kind !== 'workspace' && screen.kind !== 'enrol') return;
    showLogin({ key: 'auth.sessionExpired' });
  };

  const showEnrolment = (info: SessionInfo) => {
    const enrol = new EnrolmentScreen(document, { auth, t, onConfirmed: route, onExpired: sessionEnded });
    const removeScreen = mountScreen(enrol.element, () => enrol.relabel());
    const removeMenu = mountUserMenu(info);
    show('enrol', () => {
      removeMenu();
      removeScreen();
    });
    enrol.focus();
  };

  const showWorkspace = (info: SessionInfo) => {
    const apiFetch = withSession(plainFetch, { csrfToken: () => session?.csrfToken ?? null, onUnauthenticated: sessionEnded });
    const removeMenu = mountUserMenu(info);
    const stop = startWorkspace({ session: info, fetch: apiFetch, onUnauthenticated: sessionEnded });
    show('workspace', () => {
      stop();
      removeMenu();
    });
  };

  function route(info: SessionInfo | null): void {
    session = info;
    if (!info) showLogin();
    else if (info.stage === 'totp_enrolment') showEnrolment(info);
    else showWorkspace(info);
  }

  async function logout(): Promise<void> {
    try {
      await auth.logout();
    } catch {
      // The server may be unreachable: the screen still returns to the login (the cookie expires anyway).
    }
    showLogin({ key: 'auth.loggedOut' });
  }

  // Language switch (every screen listens to i18n.onChange for its own texts).
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = button.dataset.lang;
      if (isLang(lang)) i18n.setLang(lang);
    });
  }
  i18n.onChange((lang) => applyLanguage(lang));
  // Another tab switched the language.
  window.addEventListener('storage', (event) => {
    if (event.key && event.newValue && isLang(event.newValue) && event.newValue !== i18n.lang) i18n.setLang(event.newValue);
  });

  showStatus(t('auth.checking'));
  void auth.me().then(
    (info) => {
      hideStatus();
      route(info);
    },
    (error: unknown) => {
      hideStatus();
      showLogin({ key: 'auth.unreachable', params: { message: (error as Error).message } });
    },
  );
}

main();
