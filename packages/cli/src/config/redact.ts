/**
 * Masks what may be a secret inside a value before it is shown: a URL's password (postgres://u:pw@h) and a
 * `password=` parameter. Settings hold no bare secrets (API keys live in the gateway's database, hashed).
 */
export function redact(text: string): string {
  return text.replace(/(\/\/[^/:@\s]*):[^@/\s]*@/g, '$1:****@').replace(/([?&]password=)[^&\s]*/gi, '$1****');
}
