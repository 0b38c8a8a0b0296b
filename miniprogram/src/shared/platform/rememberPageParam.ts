/**
 * H5: after the first save of a new item, put its id into the page URL (without navigating), so a
 * browser refresh reopens the saved item instead of an empty form.
 */
export function rememberPageParam(name: string, value: string): void {
  if (typeof window === 'undefined') return;
  const hash = window.location.hash;
  const [route, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  if (params.get(name) === value) return;
  params.set(name, value);
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${route}?${params.toString()}`);
}
