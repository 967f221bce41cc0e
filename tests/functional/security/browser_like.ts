import env from '#start/env'

/**
 * A client that keeps its cookies as a browser does, over real HTTP, with
 * nothing of Japa's session plugin in between (that plugin swaps the session
 * cookie on every request and drops the session afterwards, which would hide
 * what a replayed cookie opens). Not a spec file.
 */
export class BrowserLike {
  private cookies = new Map<string, string>()
  private readonly base = `http://${env.get('HOST')}:${env.get('PORT')}`

  /** A copy holding the same cookies: what someone who copied them could send */
  copy(): BrowserLike {
    const other = new BrowserLike()
    other.cookies = new Map(this.cookies)
    return other
  }

  async get(path: string) {
    return this.request('GET', path)
  }

  /** A form post with the XSRF token the page set, as the Inertia client sends it */
  async post(path: string, form: Record<string, string> = {}) {
    if (!this.cookies.has('XSRF-TOKEN')) await this.get('/connexion')
    return this.request('POST', path, new URLSearchParams(form), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-xsrf-token': decodeURIComponent(this.cookies.get('XSRF-TOKEN') ?? ''),
    })
  }

  /** Where « Les services » sends this client: 'open', or the redirect's target */
  async services() {
    const response = await this.get('/services')
    return response.status === 200 ? 'open' : response.headers.get('location')
  }

  private async request(
    method: string,
    path: string,
    body?: URLSearchParams,
    headers: Record<string, string> = {}
  ) {
    const response = await fetch(this.base + path, {
      method,
      body,
      redirect: 'manual',
      headers: {
        ...headers,
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
      const expired = attributes.some((attribute) =>
        /max-age=0|expires=thu, 01 jan 1970/i.test(attribute)
      )
      if (expired || value === '') this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
    return response
  }
}
