import { type Operation, operations } from './load-models.js';

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

interface Route {
  readonly operation: Operation;
  readonly segments: readonly Segment[];
  readonly greedy: boolean;
}

/** Routes by method, then by first path segment, so a request is tried against a handful of uris. */
interface Router {
  readonly byFirst: Map<string, Route[]>;
  /** Routes whose first segment is a label: tried after the literal ones. */
  readonly labelFirst: Map<string, Route[]>;
}

let router: Router | undefined;

function compileUri(uri: string): Segment[] {
  // The models bind no literal query strings in their uris; only the path is matched.
  const path = uri.split('?', 1)[0] ?? '';
  return path
    .slice(1)
    .split('/')
    .map((part): Segment => {
      const label = /^\{([^}]+?)(\+?)\}$/.exec(part);
      return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: part };
    });
}

const literals = (route: Route): number => route.segments.filter((s) => 'literal' in s).length;

function build(): Router {
  const byFirst = new Map<string, Route[]>();
  const labelFirst = new Map<string, Route[]>();
  for (const operation of operations()) {
    const segments = compileUri(operation.uri);
    const route: Route = { operation, segments, greedy: segments.some((s) => 'greedy' in s && s.greedy) };
    const first = segments[0]!;
    const key = 'literal' in first ? `${operation.method} ${first.literal}` : operation.method;
    const table = 'literal' in first ? byFirst : labelFirst;
    table.set(key, [...(table.get(key) ?? []), route]);
  }
  // operations() lists runtime first; a stable sort keeps that order between equally specific routes.
  const specificFirst = (a: Route, b: Route): number =>
    Number(a.greedy) - Number(b.greedy) || literals(b) - literals(a);
  for (const routes of [...byFirst.values(), ...labelFirst.values()]) routes.sort(specificFirst);
  return { byFirst, labelFirst };
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Matches raw path segments against a route; labels come back percent-decoded. */
function matchRoute(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  const { segments } = route;
  if (!route.greedy && segments.length !== parts.length) return undefined;
  const labels: Record<string, string> = {};
  let at = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if ('literal' in segment) {
      if (parts[at] !== segment.literal) return undefined;
      at++;
      continue;
    }
    // A greedy label takes every segment but those the rest of the uri needs.
    const take = segment.greedy ? parts.length - at - (segments.length - i - 1) : 1;
    if (take < 1) return undefined;
    const raw = parts.slice(at, at + take);
    if (raw.some((part) => part === '')) return undefined;
    const value = decode(raw.join('/'));
    if (value === undefined) return undefined;
    labels[segment.label] = value;
    at += take;
  }
  return at === parts.length ? labels : undefined;
}

/**
 * The operation a request addresses. `rawPath` is the path as received, still percent-encoded (an ARN
 * model id arrives as one segment, `arn%3Aaws%3Abedrock%3A…%2F…`); a query string, if any, is ignored.
 */
export function matchOperation(
  method: string,
  rawPath: string,
): { operation: Operation; labels: Record<string, string> } | undefined {
  router ??= build();
  const query = rawPath.indexOf('?');
  const path = query < 0 ? rawPath : rawPath.slice(0, query);
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/');
  const verb = method.toUpperCase();
  return (
    firstMatch(router.byFirst.get(`${verb} ${parts[0]}`), parts) ??
    firstMatch(router.labelFirst.get(verb), parts)
  );
}

function firstMatch(routes: readonly Route[] | undefined, parts: readonly string[]) {
  for (const route of routes ?? []) {
    const labels = matchRoute(route, parts);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}
