// The console's tabs (WAI-ARIA tabs pattern): click or arrow keys switch,
// Home/End jump; links with data-open-tab open a tab from anywhere on the page.
const listeners = new Map<string, Array<() => void>>();

/** Runs `fn` whenever `tab` is shown (and now, if it is showing). */
export function onTabShown(tab: string, fn: () => void): void {
  listeners.set(tab, [...(listeners.get(tab) ?? []), fn]);
  if (document.getElementById(`panel-${tab}`)?.hidden === false) fn();
}

export function selectTab(id: string, focus = false): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"][data-tab]')];
  for (const tab of tabs) {
    const selected = tab.dataset.tab === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
    if (selected && focus) tab.focus();
  }
  for (const fn of listeners.get(id) ?? []) fn();
}

export function initTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"][data-tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab.dataset.tab!));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(tabs[(next + tabs.length) % tabs.length]!.dataset.tab!, true);
    });
  }
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLElement>('[data-open-tab]');
    if (!link || !document.getElementById('console')) return;
    event.preventDefault();
    selectTab(link.dataset.openTab!, true);
    document.getElementById('console')!.scrollIntoView({ block: 'start' });
  });
}
