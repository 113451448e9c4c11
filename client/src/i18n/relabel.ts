import { isMessageKey, type MessageKey } from './index.js';

/** Re-reads every `data-i18n-key` text under root (the forms' labels and buttons) in the current language. */
export function relabelKeys(root: ParentNode, t: (key: MessageKey) => string): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-key]')) {
    const key = el.dataset.i18nKey;
    if (isMessageKey(key)) el.textContent = t(key);
  }
}
