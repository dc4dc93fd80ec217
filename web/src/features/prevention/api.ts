import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  BatchResult,
  CampaignSummary,
  CampaignView,
  DoorProgress,
  DoorTasks,
  NewCampaign,
  NewTalk,
  NewVolunteer,
  RiskGroups,
  Talk,
  TalkPhotos,
  VisitBody,
  Volunteers,
  VolunteerHoursBody,
} from '../../../../contract/prevention.ts';
import { api } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

// Typed calls of the prevention pages (door-to-door, talks, volunteers, coverage).
export type DoorTask = DoorTasks['items'][number];
export type { Talk, DoorProgress, Volunteers, CampaignView };
export type TalkBody = Static<typeof NewTalk>;
export type VolunteerBody = Static<typeof NewVolunteer>;
export type HoursBody = Static<typeof VolunteerHoursBody>;
export type CampaignRow = Static<typeof CampaignSummary>;

const enc = encodeURIComponent;

/** The prevention pages' reads under ['prevention', …]: every launch, batch, visit, talk, photo and volunteer change
 * invalidates ['prevention']. */
export const preventionQueries = {
  riskGroups: () =>
    queryOptions({
      queryKey: ['prevention', 'risk-groups'],
      queryFn: getJson<RiskGroups>('/api/v1/prevention/risk-groups'),
    }),
  campaigns: () =>
    queryOptions({
      queryKey: ['prevention', 'campaigns'],
      queryFn: getJson<{ items: CampaignRow[] }>('/api/v1/prevention/campaigns'),
    }),
  campaign: (id: string) =>
    queryOptions({
      queryKey: ['prevention', 'campaign', id],
      queryFn: getJson<CampaignView>(`/api/v1/prevention/campaigns/${enc(id)}`),
    }),
  doorTasks: (purpose?: string) =>
    queryOptions({
      queryKey: ['prevention', 'door-tasks', purpose ?? null],
      queryFn: getJson<DoorTasks>('/api/v1/prevention/door-tasks', { unmask: purpose ? true : undefined }, purpose),
    }),
  doorProgress: (campaignId?: string) =>
    queryOptions({
      queryKey: ['prevention', 'door-progress', campaignId ?? null],
      queryFn: getJson<DoorProgress>('/api/v1/prevention/door-progress', { campaignId }),
    }),
  talks: () =>
    queryOptions({
      queryKey: ['prevention', 'talks'],
      queryFn: getJson<{ items: Talk[] }>('/api/v1/prevention/talks'),
    }),
  talkPhotos: (id: string) =>
    queryOptions({
      queryKey: ['prevention', 'talk-photos', id],
      queryFn: getJson<Static<typeof TalkPhotos>>(`/api/v1/prevention/talks/${enc(id)}/photos`),
    }),
  volunteers: () =>
    queryOptions({
      queryKey: ['prevention', 'volunteers'],
      queryFn: getJson<Volunteers>('/api/v1/prevention/volunteers'),
    }),
};

export const preventionApi = {
  launch: (body: NewCampaign) =>
    api.post<{ id: string; target: number; holdout: number }>('/api/v1/prevention/campaigns', body),
  sendBatch: (id: string) => api.post<Static<typeof BatchResult>>(`/api/v1/prevention/campaigns/${enc(id)}/send`),
  visit: (campaignId: string, body: Static<typeof VisitBody>) =>
    api.post<{ id: string }>(`/api/v1/prevention/campaigns/${enc(campaignId)}/visits`, body),
  createTalk: (body: Static<typeof NewTalk>) => api.post<{ id: string }>('/api/v1/prevention/talks', body),
  photoUrl: (talkId: string, photoId: string) => `/api/v1/prevention/talks/${enc(talkId)}/photos/${enc(photoId)}`,
  createVolunteer: (body: Static<typeof NewVolunteer>) =>
    api.post<{ id: string }>('/api/v1/prevention/volunteers', body),
  logHours: (id: string, body: Static<typeof VolunteerHoursBody>) =>
    api.post<{ id: string }>(`/api/v1/prevention/volunteers/${enc(id)}/hours`, body),
};
