/** A form field's text (a file input's value is not text: it reads as ''). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
