import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { createProgress } from '../../src/models/progress.js'
import { isRowFailure, type RowFailure } from '../../src/models/types.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { mlflowHandler, recordingSleep, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

const API_KEY = 'sk-live-0123456789abcdefSECRET'
const HEADER_SECRET = 'hdr-token-9876543210'
const URL_PASSWORD = 'pw-in-url-13579'

let server: LoopbackServer | undefined
let cacheDir: string
let stderr: string[]
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-secrets-test-'))
  vi.stubEnv('EVALGATE_CACHE', '')
  stderr = []
  const original = process.stderr.write.bind(process.stderr)
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.push(String(chunk))
    return original(chunk as string, ...(rest as []))
  }) as typeof process.stderr.write)
})
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})

async function allCacheText(): Promise<string> {
  let text = ''
  for (const entry of await readdir(cacheDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += await readFile(path.join(entry.parentPath, entry.name), 'utf8')
  }
  return text
}

function expectNoSecret(text: string): void {
  for (const secret of [API_KEY, HEADER_SECRET, URL_PASSWORD]) expect(text).not.toContain(secret)
}

/** A hostile server that echoes the credentials it received in its answers and its errors. */
function echoingServer(status: () => number) {
  return startLoopbackServer(({ headers }) => {
    const echo = `auth=${headers.authorization} key=${headers['x-api-key']}`
    if (status() !== 200) return { status: status(), body: { error: { message: `rejected ${echo}` } } }
    return { body: { choices: [{ message: { role: 'assistant', content: `ok ${echo}` } }] } }
  })
}

describe('credentials never leave the request', () => {
  test('openAIChatModel: the key reaches the server but not errors, RowFailures, describe(), the cache or stderr', async () => {
    let code = 200
    server = await echoingServer(() => code)
    const make = (onError: 'fail' | 'skip') =>
      openAIChatModel({
        baseURL: `${server!.url}/v1`,
        model: 'm',
        apiKey: API_KEY,
        headers: { 'x-api-key': HEADER_SECRET },
        prompt: (row) => `hi ${String(row.a)}`,
        parse: (text) => text,
        onError,
        cacheDir,
        cache: true,
        sleep: recordingSleep().sleep,
      })
    const progress = createProgress({ total: 2, label: make('fail').name, quietMs: 0, intervalMs: 0 })

    // 200 with the key echoed in the reply: answers are data and are never rewritten, so an
    // answer holding a credential is refused (a failed row), neither used nor cached.
    const ok = make('skip')
    const predictions = await ok.predict([{ a: 1 }, { a: 2 }], (done, failed) => progress.update(done, failed))
    progress.finish()
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(server.requests[0].headers['x-api-key']).toBe(HEADER_SECRET)
    expect(predictions.every(isRowFailure)).toBe(true)
    expect((predictions[0] as RowFailure).message).toMatch(/row 1\): the answer contains a credential sent with the request/)
    expectNoSecret(JSON.stringify(predictions))
    expectNoSecret(await allCacheText())
    expect(await allCacheText()).not.toContain('ok auth=')

    // 401 echoing the key: the error says what happened, without the key.
    code = 401
    const error = await make('fail')
      .predict([{ a: 3 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('HTTP 401 Unauthorized: rejected auth=[redacted] key=[redacted]')
    expectNoSecret(error.message)
    expectNoSecret(String(error.stack))

    code = 500
    const skipping = make('skip')
    const skipped = await skipping.predict([{ a: 4 }], () => {})
    expect(isRowFailure(skipped[0])).toBe(true)
    expectNoSecret(JSON.stringify(skipped))

    for (const model of [ok, skipping]) {
      expectNoSecret(JSON.stringify(model.describe()))
      expectNoSecret(model.name)
    }
    expect(stderr.join('')).toContain('[evalgate]')
    expectNoSecret(stderr.join(''))
  })

  test('mlflowModel: user:password in the URL becomes Basic auth and is shown nowhere', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const url = server.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const model = mlflowModel(url, { inputColumns: ['x'], cacheDir, cache: true })
    expect(await model.predict([{ x: 0.9 }], () => {})).toEqual(['pos'])
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`svc:${URL_PASSWORD}`).toString('base64')}`)
    expect(model.describe().endpoint).toBe(`${server.url}/invocations`)
    expectNoSecret(JSON.stringify(model.describe()) + model.name + (await allCacheText()))
    await server.close()
    const error = await mlflowModel(url, { inputColumns: ['x'], retries: 0, cache: false })
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toMatch(/network error/)
    expectNoSecret(error.message)
    server = undefined
  })

  test('mlflowModel: a password with a stray % (not an escape) is sent as written, not a URIError (the MLflow export reads URL credentials the same way: adversarial pass 59)', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const model = mlflowModel(server.url.replace('http://', `http://svc:50%${URL_PASSWORD}@`), { inputColumns: ['x'], cache: false })
    expect(await model.predict([{ x: 0.9 }], () => {})).toEqual(['pos'])
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`svc:50%${URL_PASSWORD}`).toString('base64')}`)
    expectNoSecret(JSON.stringify(model.describe()))
  })

  test('a key after 492 characters of a 403 body, or cut by the 80-character start of a non-JSON answer, never reaches the error', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const model = () => mlflowModel(server!.url, { inputColumns: ['x'], headers: { 'x-api-key': API_KEY }, retries: 0, cache: false })
    server.faults.push({ kind: 'status', status: 403, body: JSON.stringify({ message: `${'a'.repeat(492)} ${API_KEY}` }) })
    const forbidden = await model()
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(forbidden.message).toContain('HTTP 403')
    expect(forbidden.message).not.toContain(API_KEY.slice(0, 8))

    server.faults.push({ kind: 'status', status: 200, body: `not json: ${'b'.repeat(50)} ${API_KEY}` })
    const notJson = await model()
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(notJson.message).toContain('is not JSON (starts with "not json: bbb')
    expect(notJson.message).not.toContain(API_KEY.slice(0, 8))
  })

  test('a server echoing the URL password in an error: the password is redacted', async () => {
    server = await startLoopbackServer(({ headers }) => {
      const [user, password] = Buffer.from(String(headers.authorization).slice(6), 'base64').toString('utf8').split(':')
      return { status: 401, body: { message: `user ${user} with password ${password} is not allowed` } }
    })
    const url = server.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const error = await mlflowModel(url, { inputColumns: ['x'], retries: 0, cache: false })
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('user svc with password [redacted] is not allowed')
    expectNoSecret(error.message)
  })
})

const QUERY_SECRETS = ['QTOKSECRET_q1', 'AZSECRET_q2', 'SASSIGSECRET_q3', 'PWSECRET_u1']
const SECRET_QUERY = '?auth_token=QTOKSECRET_q1&subscription-key=AZSECRET_q2&sig=SASSIGSECRET_q3&key=K3'

function expectNoQuerySecret(text: string, where: string): void {
  for (const secret of QUERY_SECRETS) expect(text, where).not.toContain(secret)
}

/** An MLflow server that ignores the query string (as a gateway checking a token would). */
const mlflowIgnoringQuery: Parameters<typeof startLoopbackServer>[0] = (request) => mlflowHandler('labels')({ ...request, url: request.url.split('?')[0] })

describe('secret query parameters: the name is shown, the value never', () => {
  test('mlflowModel through evaluate(): run.json, index.html, the cache, progress and errors hold no query value', async () => {
    server = await startLoopbackServer(mlflowIgnoringQuery)
    const url = `${server.url.replace('http://', 'http://alice:PWSECRET_u1@')}${SECRET_QUERY}`
    const model = mlflowModel(url, { inputColumns: ['x'], labels: ['neg', 'pos'], cacheDir, cache: true })
    const data = [{ x: 0.9, label: 'pos' }, { x: 0.1, label: 'neg' }, { x: 0.7, label: 'neg' }]
    const run = await evaluate({ model, data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(server.requests[0].url).toBe(`/invocations${SECRET_QUERY}`) // the request itself carries them
    const shown = `${server.url}/invocations?auth_token=[redacted]&subscription-key=[redacted]&sig=[redacted]&key=[redacted]`
    expect(run.model).toMatchObject({ name: `mlflow ${shown}`, description: { endpoint: shown } })

    const meta = { version: 1 as const, runs: [run], gates: [], baselines: [], warnings: [] }
    const content = await buildReportContent(
      [{ file: 'test/q.eval.ts', suitePath: [], name: 'q', fullName: 'q', state: 'passed', durationMs: 1, errors: [], meta }],
      { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 },
    )
    const written = [...content.files.keys()]
    expect(written).toEqual(expect.arrayContaining(['index.html', `${content.entries[0].folderName}/run.json`]))
    for (const [file, value] of content.files) expectNoQuerySecret(value.toString(), file)
    expectNoQuerySecret(JSON.stringify(run), 'the run')
    expectNoQuerySecret(await allCacheText(), 'the cache')
    expectNoQuerySecret(stderr.join(''), 'stderr')

    // An error quoting the URL back (a 404 naming the route, query included) shows no value either.
    const wrongPath = url.replace('?', '/nope?')
    const error = await mlflowModel(wrongPath, { inputColumns: ['x'], retries: 0, cache: false })
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('HTTP 404')
    expectNoQuerySecret(`${error.message}\n${String(error.stack)}`, 'the error')
  })

  test('an answer echoing a query value is refused like one echoing a header', async () => {
    server = await startLoopbackServer(({ url }) => ({ body: { predictions: [`label from ${url}`] } }))
    const predictions = await mlflowModel(`${server.url}${SECRET_QUERY}`, { inputColumns: ['x'], onError: 'skip', cacheDir, cache: true }).predict([{ x: 1 }], () => {})
    expect(isRowFailure(predictions[0])).toBe(true)
    expect((predictions[0] as RowFailure).message).toMatch(/the answer contains a credential sent with the request/)
    expectNoQuerySecret(JSON.stringify(predictions) + (await allCacheText()), 'row failure and cache')
  })

  test('openAIChatModel with ?auth=: name, describe() and errors show the name only', async () => {
    server = await echoingServer(() => 401)
    const model = openAIChatModel({ baseURL: `${server.url}/v1?auth=QTOKSECRET_q1`, model: 'm', prompt: () => 'hi', parse: (text) => text, retries: 0, cache: false })
    expect(model.name).toBe(`openai-chat m at ${server.url}/v1/chat/completions?auth=[redacted]`)
    const error = await model.predict([{ a: 1 }], () => {}).then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('HTTP 401')
    expectNoQuerySecret(error.message + JSON.stringify(model.describe()), 'error and describe()')
  })

  test('endpoints whose query values differ do not share cached answers', async () => {
    server = await startLoopbackServer(mlflowIgnoringQuery)
    const predict = (query: string) => mlflowModel(`${server!.url}${query}`, { inputColumns: ['x'], cacheDir, cache: true }).predict([{ x: 0.9 }], () => {})
    await predict('?deployment=blue')
    await predict('?deployment=blue')
    expect(server.requests).toHaveLength(1) // the same URL: a cache hit
    await predict('?deployment=green')
    expect(server.requests).toHaveLength(2) // another query value: asked again
    expect(await allCacheText()).not.toMatch(/blue|green/)
  })
})

describe('a URL that does not parse', () => {
  test.each(['Pa#SECRETpw1', 'Pa?SECRETpw1', 'Pa/SECRETpw1', 'Pa@SECRETpw1'])('password %j: the error shows nothing between scheme:// and the last @', (password) => {
    // Made unparseable by the port, so "@" in the password is tested as well.
    const url = `http://admin:${password}@127.0.0.1:99999?token=QTOKSECRET_q1`
    let message = ''
    try {
      mlflowModel(url)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('is not a URL')
    expect(message).toContain('"http://[redacted]@127.0.0.1:99999?token=[redacted]"')
    expect(message).not.toContain('SECRET')
  })
})

describe('an options object where the URL goes', () => {
  test('says the URL is the first argument and shows nothing of the object (was: "[object Object]" is not a URL)', () => {
    const call = () => mlflowModel({ url: 'http://127.0.0.1:5000', apiKey: 'OBJSECRET_o1' } as unknown as string)
    expect(call).toThrow("mlflowModel: the first argument must be the server's URL as a string, received object; pass mlflowModel('http://127.0.0.1:5000', { ...options })")
    expect(call).not.toThrow(/OBJSECRET/)
  })
})

describe('a header value fetch cannot send', () => {
  const VALUE_SECRET = 'HDRSECRET_h1'
  test.each([
    ['a line break', { Authorization: `Bearer ${VALUE_SECRET}\nb` }, /header "Authorization" has a value holding a line break/],
    ['a trailing CR', { 'x-api-key': `${VALUE_SECRET}\r` }, /header "x-api-key" has a value holding a line break/],
    ['a non-Latin-1 character', { Authorization: `Bearer ${VALUE_SECRET}\u2013x` }, /header "Authorization" has a value holding a character outside Latin-1/],
    ['a space in the name', { 'x api key': VALUE_SECRET }, /header "x api key" is not a valid header name/],
    ['an unset environment variable', { 'x-api-key': undefined as unknown as string }, /header "x-api-key" has no value \(undefined\); pass a string/],
  ])('%s: a ConfigError when the adapter is built, naming the header, never its value, and nothing is sent', (_what, headers, expected) => {
    const fetch = vi.fn()
    const build = [
      () => mlflowModel('http://127.0.0.1:5000', { headers, fetch }),
      () => openAIChatModel({ baseURL: 'http://127.0.0.1:8000/v1', model: 'm', prompt: () => 'hi', parse: (t) => t, headers, fetch }),
    ]
    for (const make of build) {
      let error: Error | undefined
      try {
        make()
      } catch (e) {
        error = e as Error
      }
      expect(error?.name).toBe('ConfigError')
      expect(error?.message).toMatch(expected)
      expect(error?.message).not.toContain(VALUE_SECRET)
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  test('an apiKey with a line break is named as the apiKey', () => {
    expect(() => openAIChatModel({ baseURL: 'http://127.0.0.1:8000/v1', model: 'm', prompt: () => 'hi', parse: (t) => t, apiKey: 'sk-HDRSECRET_h1\n' })).toThrow(
      /openAIChatModel: apiKey \(sent as the authorization header\): header "authorization" has a value holding a line break/,
    )
  })
})
