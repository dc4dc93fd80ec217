import { useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

// Puts a server error next to the offending input when it names a field the form has; otherwise returns the
// message for a toast. Field paths from the server look like "/displayName" or "displayName".
export function applyFormError(form: FormInstance | null, error: unknown): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = [
    ...(error.field ? [{ field: error.field, reason: error.reason ?? error.message }] : []),
    ...error.details,
  ];
  if (form) {
    const known = new Set(Object.keys(form.getFieldsValue(true) as object));
    const applicable = fields
      .map((f) => ({ name: f.field.replace(/^\//, '').split('/')[0] ?? '', reason: f.reason }))
      .filter((f) => known.has(f.name));
    if (applicable.length > 0) {
      form.setFields(applicable.map((f) => ({ name: f.name, errors: [f.reason || error.message] })));
      return null;
    }
  }
  return error.message;
}

/** A form's submit handler and busy flag: runs `action`, and on failure shows the server's reason beside the field
 * it names (or as a toast). */
export function useFormSubmit<V>(form: FormInstance<V>, action: (values: V) => Promise<unknown>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (values: V) => {
    setBusy(true);
    try {
      await action(values);
    } catch (e) {
      const text = applyFormError(form as FormInstance, e);
      if (text) message.error(text);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
