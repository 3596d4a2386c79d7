import { Form, type FormInstance } from 'antd';

/** The live text of a form field ('' until the user types; antd's typing says never undefined). */
export function useWatchedText<T>(form: FormInstance<T>, name: string): string {
  const value: unknown = Form.useWatch(name, form);
  return typeof value === 'string' ? value : '';
}
