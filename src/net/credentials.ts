/** Any user name and password in the URLs of a text replaced by ***, for messages that echo what was given. */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][\w+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@')
}

/** Whether a URL carries a user name or password; false for text that is no URL. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.username !== '' || parsed.password !== ''
  }
  catch {
    return false
  }
}
