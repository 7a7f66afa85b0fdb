/** Hash routes, so the page works from any static path without server fallbacks. */
export type Route = { page: 'chat'; id?: string } | { page: 'settings' } | { page: 'usage' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'settings') return { page: 'settings' };
  if (head === 'usage') return { page: 'usage' };
  if (head === 'c' && rest[0]) {
    try {
      return { page: 'chat', id: decodeURIComponent(rest[0]) };
    } catch {
      return { page: 'chat' };
    }
  }
  return { page: 'chat' };
}

export function hrefFor(route: Route): string {
  if (route.page === 'chat') return route.id ? `#/c/${encodeURIComponent(route.id)}` : '#/';
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (location.hash !== href) location.hash = href;
}
