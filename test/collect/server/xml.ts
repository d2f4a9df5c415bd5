/**
 * Renders a JSON transcription of an XML document back to XML: each key is an element, an
 * array is that element repeated, a scalar is its text. Recorded responses of the XML
 * protocols are stored in this form (see fixtures/aws-api/README.md).
 */

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The elements for every key of `value`. */
export function toXml(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return escapeXml(String(value));
  return Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => element(key, child))
    .join('');
}

function element(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  return `<${name}>${toXml(value)}</${name}>`;
}

/** A whole document: the body's single root element, carrying the service's namespace as AWS sends it. */
export function documentXml(body: unknown, namespace: string): string {
  const [root, content] = Object.entries((body ?? {}) as Record<string, unknown>)[0] ?? ['Result', {}];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${toXml(content)}</${root}>`;
}
