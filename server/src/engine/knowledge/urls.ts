/** Reading URLs written in build files, without ever repeating the secrets they may hold. */

/** A URL's host, lower-cased, without credentials or port; null when it is not a URL or its host comes from a variable. */
export function urlHost(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/:?#]+)/i.exec(url.replace(/^["']/, ''));
  return match && !match[1].includes('$') ? match[1].toLowerCase() : null;
}

/** A URL for a message: its host and the start of its path, never credentials or a query (either may hold a token). */
export function urlForMessage(url: string): string {
  const shown = url.split(/[?#]/)[0].replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
}
