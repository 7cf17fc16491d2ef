import { describe, expect, test } from 'vitest'
import { containsSecret, displayUrl, redactSecrets, redactUnparsedUrl, secretsFromCredentials, secretsFromUrl } from '../../src/models/redaction.js'
import { responseBodyMessage } from '../../src/models/transport/response-message.js'

describe('redactSecrets', () => {
  test('object keys holding a credential word anywhere are redacted (adversarial pass 33: hf_token, openai_api_key in a served model\'s params reached run.json and the cache); counts and ordinary settings are kept', () => {
    const params = {
      api_key: 'k-1', hf_token: 'HFTOKENSECRET456', openai_api_key: 'OAKSECRET111', aws_secret_access_key: 'AWSSECRET222', private_key: 'PRIVSECRET333', secret_key: 'SKSECRET444', accessToken: 'AT-555', dbPassword: 'pw-666',
      nested: { clientSecretValue: 'CS-777', 'x-session-id': 'SID-888' },
      temperature: 0.2, max_tokens: 256, token_limit: 100, tokenizer: 'gpt2', model: 'my-model', top_k: 5,
    }
    const out = redactSecrets(params, [])
    expect(JSON.stringify(out)).not.toMatch(/SECRET|AT-555|pw-666|CS-777|SID-888|k-1/)
    expect(out).toMatchObject({ temperature: 0.2, max_tokens: 256, token_limit: 100, tokenizer: 'gpt2', model: 'my-model', top_k: 5 })
    expect(out.hf_token).toBe('[redacted]')
    expect(out.nested).toEqual({ clientSecretValue: '[redacted]', 'x-session-id': '[redacted]' })
  })

  test('more spellings (adversarial pass 34): acronyms, keys ending in "key", passwords inside a word, secrets inside values and token shapes under any key', () => {
    const params = {
      openAIApiKey: 'ZZT01', HFAPIToken: 'ZZT05', azure_openai_key: 'ZZT16', subscription_key: 'ZZT17', 'Ocp-Apim-Subscription-Key': 'ZZT18', PGPASSWORD: 'ZZT19',
      dbPass: 'ZZT20', db_pass: 'ZZT21', pass: 'ZZT22', key: 'ZZT23', bearer: 'ZZT24', jwt: 'ZZT25', apiKeys: ['ZZT15'], creds: ['ZZT26'],
      connection_string: 'Server=db;User Id=u;Password=ZZS14;', serviceAccountJson: '{"private_key":"ZZS24"}', ghp: `ghp_${'a1B2'.repeat(9)}`,
      key_column: 'id', max_tokens: 256, tokenizer: 'gpt2',
    }
    const text = JSON.stringify(redactSecrets(params, []))
    expect(text).not.toMatch(/ZZT|ZZS|ghp_a1B2/)
    expect(redactSecrets(params, [])).toMatchObject({ key_column: 'id', max_tokens: 256, tokenizer: 'gpt2', connection_string: 'Server=db;User Id=u;Password=[redacted];' })
  })

  test('replaces known secrets, their URL-encoded form, Bearer/Basic tokens, URL credentials and key query values', () => {
    const secrets = secretsFromCredentials({ authorization: 'Bearer abc/def+ghi', 'x-custom': 'custom-secret' }, 'sk-1234567')
    const text = [
      'key sk-1234567 and custom-secret',
      'encoded abc%2Fdef%2Bghi',
      'header Bearer zzzzzzzzzz',
      'url https://me:pw@host/x?api_key=k1&b=2',
    ].join(' | ')
    expect(redactSecrets(text, secrets)).toBe(
      'key [redacted] and [redacted] | encoded [redacted] | header Bearer [redacted] | url https://[redacted]@host/x?api_key=[redacted]&b=2',
    )
  })

  test('walks objects and arrays; secret-named keys are redacted by name, not lookalikes', () => {
    const value = { headers: { Authorization: 'x', 'X-Api-Key': 'y' }, max_tokens: 5, items: ['a sk-1234567 b'], n: 3 }
    expect(redactSecrets(value, ['sk-1234567'])).toEqual({
      headers: { Authorization: '[redacted]', 'X-Api-Key': '[redacted]' },
      max_tokens: 5,
      items: ['a [redacted] b'],
      n: 3,
    })
  })

  test('very short header values are not treated as secrets (they would mangle text)', () => {
    expect(secretsFromCredentials({ 'x-env': 'ci' })).toEqual([])
  })

  test('URL user info is redacted whole, a password holding "@" included', () => {
    expect(redactSecrets('connect to http://user:pass@host:5000/x failed', [])).toBe('connect to http://[redacted]@host:5000/x failed')
    expect(redactSecrets('at https://svc:p@ss%40word@h/x?q=1 and http://plain/', [])).toBe('at https://[redacted]@h/x?q=1 and http://plain/')
  })

  test('a Basic header (what URL user info becomes) also yields the decoded user:password and password', () => {
    const header = `Basic ${Buffer.from('svc:hunter2-pw').toString('base64')}`
    const secrets = secretsFromCredentials({ authorization: header })
    expect(secrets).toContain('svc:hunter2-pw')
    expect(secrets).toContain('hunter2-pw')
    expect(redactSecrets('login failed for svc with password hunter2-pw', secrets)).toBe('login failed for svc with password [redacted]')
  })

  test('a key the server echoes JSON-escaped, base64-encoded or URL-encoded the ways servers do is redacted too (was: only as sent and URL-encoded once)', () => {
    const key = 'SEKRETKEY1/abc+def=='
    const secrets = secretsFromCredentials({ 'x-api-key': key })
    const base64 = Buffer.from(key).toString('base64')
    const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    const quoted = encodeURIComponent(key).replace(/%2F/g, '/') // Python's quote() keeps '/'
    const echo = `{"error":"bad key","escaped":"SEKRETKEY1\\/abc+def==","json":${JSON.stringify(key)},"b64":"${base64}","b64url":"${base64url}","quoted":"${quoted}","twice":"${encodeURIComponent(encodeURIComponent(key))}"}`
    const redacted = redactSecrets(echo, secrets)
    expect(redacted).toBe('{"error":"bad key","escaped":"[redacted]","json":"[redacted]","b64":"[redacted]","b64url":"[redacted]","quoted":"[redacted]","twice":"[redacted]"}')
    expect(containsSecret(echo, secrets, 8)).toBe(true)
    expect(containsSecret(`{"answer":"${base64}"}`, secrets, 8)).toBe(true)
    expect(containsSecret('{"answer":"billing"}', secrets, 8)).toBe(false)
  })

  test('a header value is matched in its exact case (adversarial pass 23u), and anywhere: a short key next to an escape is redacted too (adversarial pass 23v)', () => {
    const secrets = secretsFromCredentials({ 'x-tenant': 'northwind', 'x-region': 'east', 'x-api-key': 'Hx7kQ2pLm9', 'x-signing-key': 'Kq/9+zR2', authorization: `Basic ${Buffer.from('admin:S3cr3tpw').toString('base64')}` })
    // Answers naming the tenant in another case are data, not an echoed credential.
    expect(containsSecret('{"answer":"Northwind Traders ships within three days"}', secrets, 8)).toBe(false)
    expect(containsSecret('{"answer":"ask Hx7kQ2pLm9 again"}', secrets, 8)).toBe(true)
    expect(redactSecrets('region East-US, EASTUS; see Northwind Support', secrets)).toBe('region East-US, EASTUS; see Northwind Support')
    // Inside other words a short value is still replaced (as before this change): a garbled word costs less than a leaked key.
    expect(redactSecrets('at least one replica', secrets)).toBe('at l[redacted] one replica')
    const echoes = [
      'retry at /login?next=%2Fv1%2Fchat%3Fkey%3DHx7kQ2pLm9%26v%3D1',
      `next=${encodeURIComponent('https://admin:S3cr3tpw@h/x')}`,
      // .NET's UrlEncode writes lower-case hex escapes: Kq%2f9%2bzR2
      `lower-case hex ${encodeURIComponent('Kq/9+zR2').replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
      '{"error":"bad\\nHx7kQ2pLm9\\tagain"}',
    ]
    for (const echo of echoes) expect(redactSecrets(echo, secrets), echo).not.toMatch(/Hx7kQ2pLm9|S3cr3tpw|Kq%2f9%2bzR2/)
  })

  test("the echo forms of Python's quote/urlencode, URLSearchParams, Python's json.dumps and an HTML error page are redacted (adversarial pass 23w)", () => {
    const password = "Winter2026!(x)*~ Tom&Jerry'Passwört"
    const secrets = secretsFromCredentials({ authorization: `Basic ${Buffer.from(`svc:${password}`).toString('base64')}` })
    const rfc3986 = encodeURIComponent(password).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    const echoes = [
      `quote: ${rfc3986}`,
      `urlencode: ${rfc3986.replace(/%20/g, '+')}`,
      `URLSearchParams: ${new URLSearchParams({ p: password }).toString()}`,
      `json.dumps: ${JSON.stringify(password).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`,
      `html: ${password.replace(/&/g, '&amp;').replace(/'/g, '&#x27;')}`,
    ]
    for (const echo of echoes) expect(redactSecrets(echo, secrets), echo).toMatch(/^[^:]+: (p=)?"?\[redacted\]"?$/)
    expect(containsSecret(`{"answer":"${rfc3986}"}`, secrets, 8)).toBe(true)
  })
})

describe('responseBodyMessage: redacts, then shortens', () => {
  const KEY = 'sk-live-abcdefghijklmnopqrstuvwxyz012345'
  const redact = (text: string): string => redactSecrets(text, [KEY])

  test('a key after 492 characters of a JSON message is redacted, not cut in half', () => {
    const body = JSON.stringify({ error: { message: `${'x'.repeat(492)} key ${KEY}` } })
    const message = responseBodyMessage(body, redact)
    expect(message).not.toContain(KEY.slice(0, 8))
    expect(message).toBe(`${'x'.repeat(492)} key [re…`)
  })

  test('half of a key at the limit of a non-JSON body does not survive', () => {
    const body = `<html>${'y'.repeat(480)} ${KEY}</html>`
    const message = responseBodyMessage(body, redact)
    expect(message).not.toContain(KEY.slice(0, 8))
    expect(message.length).toBe(501)
  })
})

describe('URLs: query values are secrets whatever their name', () => {
  test('displayUrl keeps every name and hides every value, user info and fragment', () => {
    expect(displayUrl(new URL('https://u:p@h:8/x?auth_token=a1&subscription-key=b2&sv=2024&sig=c%2B3&bare#frag'))).toBe(
      'https://h:8/x?auth_token=[redacted]&subscription-key=[redacted]&sv=[redacted]&sig=[redacted]&[redacted]',
    )
    expect(displayUrl(new URL('http://h/x'))).toBe('http://h/x')
  })

  test('a token in the path (a bot or webhook URL) is hidden and is a secret; names, versions and lower-case UUIDs stay (was: the path shown whole)', () => {
    const bot = new URL('https://api.example.com/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/predict')
    expect(displayUrl(bot)).toBe('https://api.example.com/[redacted]/predict')
    expect(secretsFromUrl(bot)).toContain('bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')
    expect(displayUrl(new URL('https://hooks.example.com/services/T0001/B0002/XXXXxxxxXXXXxxxx12345678'))).toBe('https://hooks.example.com/services/T0001/B0002/[redacted]')
    expect(displayUrl(new URL('https://h/keys/0123456789abcdef0123456789abcdef/score'))).toBe('https://h/keys/[redacted]/score')
    const plain = 'https://h/v1/models/my-model-2024-05-01/deployments/3f2c9a1e-7b4d-4e8a-9c1f-2a6b8d0e4f11/invocations'
    expect(displayUrl(new URL(plain))).toBe(plain)
  })

  test('secretsFromUrl: each value as written and decoded, the user and password', () => {
    expect(secretsFromUrl(new URL('http://alice:pw%23word@h/?auth=QTOK%2BSECRET&client_secret=CS+SECRET&k=ab'))).toEqual(
      expect.arrayContaining(['alice', 'pw%23word', 'pw#word', 'QTOK%2BSECRET', 'QTOK+SECRET', 'CS+SECRET', 'CS SECRET']),
    )
  })

  test('secret-looking query names in free text: any name ending in key, token, secret, sig, signature, auth ...', () => {
    const text = 'GET https://x/y?auth_token=T1234&subscription-key=S1234&client_secret=C1234&sig=G1234&signature=N1234&access_token=A1234&page=2'
    expect(redactSecrets(text, [])).toBe(
      'GET https://x/y?auth_token=[redacted]&subscription-key=[redacted]&client_secret=[redacted]&sig=[redacted]&signature=[redacted]&access_token=[redacted]&page=2',
    )
  })

  test.each([
    ['http://admin:Pa#SECRET@127.0.0.1:5000', 'http://[redacted]@127.0.0.1:5000'],
    ['http://admin:Pa?SECRET@h', 'http://[redacted]@h'],
    ['http://admin:Pa/SE@CRET@h/p?token=SECRET&x', 'http://[redacted]@h/p?token=[redacted]&[redacted]'],
    ['not a url?key=SECRET', 'not a url?key=[redacted]'],
  ])('redactUnparsedUrl(%j) -> %j', (input, expected) => {
    expect(redactUnparsedUrl(input)).toBe(expected)
  })

  test('free text: URL user info is redacted up to the last @, whatever the password holds', () => {
    expect(redactSecrets('at http://admin:Pa#SE/C?RET@h:1/x and more', [])).toBe('at http://[redacted]@h:1/x and more')
  })
})

// Adversarial pass 37: masks other than four stars passed through (the key's prefix and last four).
describe('masked keys in provider messages', () => {
  test.each(['sk-proj-********************6789', 'sk-proj-...6789', 'sk-proj-AbCd…6789', 'sk-proj-AbCd***6789', 'sk-ant-api03-***...***6789', 'gsk_****…6789'])('%s', (masked) => {
    expect(redactSecrets(`Incorrect API key provided: ${masked}. See the docs.`, [])).toBe('Incorrect API key provided: [redacted]. See the docs.')
  })

  test('words that merely start alike are kept', () => {
    expect(redactSecrets('scikit-learn... and task-list...', [])).toBe('scikit-learn... and task-list...')
  })
})


// Adversarial pass 38: a server echoing the key upper-cased got it into every report.
describe('a key-like secret echoed in another case', () => {
  test('upper- or lower-cased whole, it is redacted; a word-like header value keeps its exact case', () => {
    const key = 'k3y/with+Special=chars&Value'
    expect(redactSecrets(`401: keyUpper=${key.toUpperCase()} keyLower=${key.toLowerCase()}`, [key])).toBe('401: keyUpper=[redacted] keyLower=[redacted]')
    expect(containsSecret(`echo ${key.toUpperCase()}`, [key], 8)).toBe(true)
    expect(redactSecrets('see Northwind Support, NORTHWIND', ['northwind'])).toBe('see Northwind Support, NORTHWIND')
  })
})
