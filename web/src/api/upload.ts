import type { ErrorBody } from '../../../contract/common.ts';
import { ApiError } from './client.ts';

/**
 * Uploads one file as multipart (field "file", plus any text `fields` first: the server reads them before the
 * file) with upload progress (fetch has none: XMLHttpRequest does). Resolves with the JSON answer; a refusal becomes
 * an ApiError with the server's code, field, reason and per-row details, so the UI words it like any other error.
 */
export function uploadFile<T>(
  url: string,
  file: Blob,
  { fields = {}, onProgress }: { fields?: Record<string, string>; onProgress?: (percent: number) => void } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
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
        onProgress?.(100);
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
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file instanceof File ? file.name : 'file');
    xhr.send(form);
  });
}
