/** Text in the charset the server or the document declares (Arabic feeds still use windows-1256), else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const label = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]
    ?? /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1]
    ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]
    ?? 'utf-8'
  try {
    return new TextDecoder(label).decode(bytes)
  }
  catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
