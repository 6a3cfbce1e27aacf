/**
 * A file name built from names people typed or imported (a zone's name in a ranking attachment) that every
 * system opens: characters Windows or a shell would read as a path, a device or a command — / \ : * ? " < >
 * | — control characters and bidi overrides (which can make `exe.xlsx` show as `xlsx.exe`) become `_`;
 * leading dots and trailing dots or spaces go; at most 80 characters before the extension.
 */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  return `${[...cleaned].slice(0, 80).join('') || 'file'}${extension}`
}
