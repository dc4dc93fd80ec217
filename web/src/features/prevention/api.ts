import type { CampaignView, DoorProgress, DoorTasks, Talk, Volunteers } from '../../../../contract/prevention.ts';
import { api, ApiError } from '../../api/client.ts';
import type { ErrorBody } from '../../../../contract/common.ts';

// Typed calls of the prevention pages (door-to-door, talks, volunteers, coverage).
export type DoorTask = DoorTasks['items'][number];
export type { Talk, DoorProgress, Volunteers, CampaignView };
export interface CampaignRow {
  id: string;
  unitName: string;
  fraudType: string;
  ageBand: string;
  occupation: string | null;
  channels: string[];
  launchedAt: string;
}

const enc = encodeURIComponent;
export const preventionApi = {
  campaigns: () => api.get<{ items: CampaignRow[] }>('/api/v1/prevention/campaigns'),
  campaign: (id: string) => api.get<CampaignView>(`/api/v1/prevention/campaigns/${enc(id)}`),
  doorTasks: (campaignId: string | undefined, purpose?: string) =>
    api.get<DoorTasks>('/api/v1/prevention/door-tasks', { campaignId, unmask: purpose ? true : undefined }, purpose),
  doorProgress: (campaignId?: string) => api.get<DoorProgress>('/api/v1/prevention/door-progress', { campaignId }),
  visit: (campaignId: string, body: { residentId: string; outcome: string; note?: string }) =>
    api.post<{ id: string }>(`/api/v1/prevention/campaigns/${enc(campaignId)}/visits`, body),
  talks: (campaignId?: string) => api.get<{ items: Talk[] }>('/api/v1/prevention/talks', { campaignId }),
  createTalk: (body: Record<string, unknown>) => api.post<{ id: string }>('/api/v1/prevention/talks', body),
  talkPhotos: (id: string) =>
    api.get<{ items: { id: string; mime: string; size: number }[] }>(`/api/v1/prevention/talks/${enc(id)}/photos`),
  photoUrl: (talkId: string, photoId: string) => `/api/v1/prevention/talks/${enc(talkId)}/photos/${enc(photoId)}`,
  volunteers: () => api.get<Volunteers>('/api/v1/prevention/volunteers'),
  createVolunteer: (body: { unitId: string; name: string; phone?: string }) =>
    api.post<{ id: string }>('/api/v1/prevention/volunteers', body),
  logHours: (id: string, body: { day: string; hours: number; activity: string; campaignId?: string }) =>
    api.post<{ id: string }>(`/api/v1/prevention/volunteers/${enc(id)}/hours`, body),
};

/**
 * Uploads one file as multipart (field "file") with upload progress (fetch has none: XMLHttpRequest does).
 * Resolves with the JSON answer; a refusal becomes an ApiError with the server's field and reason.
 */
export function uploadWithProgress<T>(url: string, file: Blob, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
        return;
      }
      const b = (body ?? {}) as Partial<ErrorBody>;
      reject(
        new ApiError(
          xhr.status,
          b.error ?? `http_${xhr.status}`,
          b.message ?? xhr.statusText,
          b.field,
          b.reason,
          b.details ?? [],
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'file');
    xhr.send(form);
  });
}
