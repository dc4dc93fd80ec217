import { App, type FormInstance } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { applyFormError } from '../shared/errors.ts';

/**
 * A form's write: on success says `saved`, clears the form and runs `onSuccess` (close the dialog, …); a refusal
 * stands next to the input it names (else one toast); either way the queries under `invalidate` are read again.
 */
export function useFormMutation<V, R>(
  form: FormInstance,
  options: {
    mutationFn: (values: V) => Promise<R>;
    invalidate: QueryKey;
    saved: string;
    onSuccess?: (answer: R, values: V) => void;
  },
) {
  const { message } = App.useApp();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: options.mutationFn,
    onSuccess: (answer, values) => {
      message.success(options.saved);
      form.resetFields();
      options.onSuccess?.(answer, values);
    },
    onError: (e) => {
      const m = applyFormError(form, e);
      if (m) message.error(m);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: options.invalidate }),
  });
}
