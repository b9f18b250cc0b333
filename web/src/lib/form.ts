import type { FormInstance } from 'antd';

/**
 * A form's values once they pass its rules, or null (the form then shows what is missing):
 * a modal's OK on an empty form is a normal event, never an uncaught rejection.
 */
export async function valuesOf<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
