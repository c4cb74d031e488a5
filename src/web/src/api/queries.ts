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
/** Counts on the home page stop here ("200+"): the API pages by keyset and has no count query. */
export const COUNT_CAP = 200;

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

export function useDocumentCount(query: Omit<DocumentListQuery, 'cursor' | 'limit'>, enabled = true) {
  return useQuery({
    queryKey: ['documents', 'count', query],
    enabled,
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/documents', { params: { query: { ...query, limit: COUNT_CAP } } }));
      return { count: page.items.length, more: page.nextCursor !== null };
    },
  });
}

export function useWorkItems(query: Omit<WorkListQuery, 'cursor' | 'limit'>, enabled = true, limit = COUNT_CAP) {
  return useQuery({
    queryKey: ['assignments', 'count', query, limit],
    enabled,
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/assignments', { params: { query: { ...query, limit } } }));
      // The server counts the matches (exact up to 10,000, else its estimate).
      return { items: page.items, count: page.total, estimate: page.totalIsEstimate };
    },
  });
}

export type Draft = paths['/api/v1/drafts/{id}']['get']['responses']['200']['content']['application/json'];
export type ApprovalItem = paths['/api/v1/approvals']['get']['responses']['200']['content']['application/json']['items'][number];
