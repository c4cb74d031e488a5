import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type DocumentListQuery = NonNullable<paths['/api/v1/documents']['get']['parameters']['query']>;
export type DocumentListItem = paths['/api/v1/documents']['get']['responses']['200']['content']['application/json']['items'][number];
export type DocumentDetail = paths['/api/v1/documents/{id}']['get']['responses']['200']['content']['application/json'];
export type WorkListQuery = NonNullable<paths['/api/v1/assignments']['get']['parameters']['query']>;
export type WorkItem = paths['/api/v1/assignments']['get']['responses']['200']['content']['application/json']['items'][number];
export type Timeline = paths['/api/v1/documents/{id}/timeline']['get']['responses']['200']['content']['application/json'];
export type SignatureReport =
  paths['/api/v1/documents/{id}/files/{fileId}/signatures']['get']['responses']['200']['content']['application/json'];

const PAGE = 50;

export function useDocumentPages(query: Omit<DocumentListQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: ['documents', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/documents', { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useWorkPages(query: Omit<WorkListQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: ['assignments', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/assignments', { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type WorkSummary = paths['/api/v1/me/work']['get']['responses']['200']['content']['application/json'];

/**
 * Every count of the home page in one request (GET /me/work: one statement on the server); a leader's
 * also covers the units under them. Never stale: home is where one looks for what changed.
 */
export function useWorkSummary(subtree: boolean) {
  return useQuery({
    queryKey: ['me-work', subtree],
    staleTime: 0,
    queryFn: () => unwrap(api.GET('/api/v1/me/work', { params: { query: { scope: subtree ? 'subtree' : 'mine' } } })),
  });
}

export type Draft = paths['/api/v1/drafts/{id}']['get']['responses']['200']['content']['application/json'];
export type ApprovalItem = paths['/api/v1/approvals']['get']['responses']['200']['content']['application/json']['items'][number];

// The reports' 200 is the JSON report or, with format=xlsx|pdf, a file (typed string); these hooks ask for JSON.
export type HandlingQuery = Omit<paths['/api/v1/reports/handling']['get']['parameters']['query'], 'format'>;
export type HandlingReport = Exclude<paths['/api/v1/reports/handling']['get']['responses']['200']['content']['application/json'], string>;
export type HandlingRow = HandlingReport['rows'][number];
export type AccountabilityQuery = Omit<paths['/api/v1/reports/accountability']['get']['parameters']['query'], 'format'>;
export type AccountabilityReport = Exclude<
  paths['/api/v1/reports/accountability']['get']['responses']['200']['content']['application/json'],
  string
>;

/** The handling report (GET /reports/handling): figures kept incrementally on the server, cheap to ask again. */
export function useHandlingReport(query: HandlingQuery | undefined) {
  return useQuery({
    queryKey: ['report-handling', query],
    enabled: query !== undefined,
    queryFn: async () => (await unwrap(api.GET('/api/v1/reports/handling', { params: { query: query! } }))) as HandlingReport,
  });
}

/** The units under an organisation holding the most documents overdue today (a leader's home). */
export function useOverdueUnits(organizationId: string, limit = 5) {
  return useQuery({
    queryKey: ['report-overdue-units', organizationId, limit],
    queryFn: () => unwrap(api.GET('/api/v1/reports/overdue-units', { params: { query: { organizationId, limit } } })),
  });
}

export function useAccountabilityReport(query: AccountabilityQuery | undefined) {
  return useQuery({
    queryKey: ['report-accountability', query],
    enabled: query !== undefined,
    queryFn: async () => (await unwrap(api.GET('/api/v1/reports/accountability', { params: { query: query! } }))) as AccountabilityReport,
  });
}

export type PersonalListName = paths['/api/v1/me/work/{list}']['get']['parameters']['path']['list'];
export type WorkEntry = paths['/api/v1/me/work/{list}']['get']['responses']['200']['content']['application/json']['items'][number];

/** One of the caller's personal work lists (GET /me/work/:list), newest first, a page at a time. Never stale, as home. */
export function usePersonalList(list: PersonalListName) {
  return useInfiniteQuery({
    queryKey: ['me-work-list', list],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/me/work/{list}', { params: { path: { list }, query: { limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
